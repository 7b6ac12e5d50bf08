//! A model of the GE TermiNet 300 serial band printer.
#![warn(missing_docs)]

//! Reference model of Level II's numbers, written from what the real ROM was
//! observed to do (see `level2.rs` for how): 16-bit integers, single
//! precision (4 bytes) and double precision (8 bytes) in Microsoft's binary
//! format, and the four operations.
//!
//! Format (Level II manual facts, confirmed by observation): mantissa bytes
//! LSB first, the sign in bit 7 of the top mantissa byte (whose hidden bit is
//! always 1), then an exponent byte with bias 128 (80H: 0.5 <= |m| < 1);
//! exponent 0 is zero.
#![allow(dead_code)]

/// Single (4 bytes) or double (8 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prec {
    Sng,
    Dbl,
}

impl Prec {
    /// Value bytes.
    pub fn len(self) -> usize {
        match self {
            Prec::Sng => 4,
            Prec::Dbl => 8,
        }
    }
    /// Mantissa bits (with the hidden bit).
    pub fn bits(self) -> u32 {
        self.len() as u32 * 8 - 8
    }
    /// The type byte Level II keeps in 40AFH.
    pub fn typ(self) -> u8 {
        self.len() as u8
    }
}

/// The result of an operation: the value bytes or the error Level II raises
/// (ERR values: ?OV 10, ?/0 20).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Res {
    Val(Vec<u8>),
    Err(u8),
}

pub const OV: u8 = 10;
pub const DIV0: u8 = 20;

/// Unpacked: sign, biased exponent (0 = zero), mantissa with the hidden bit
/// at bit `bits-1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unp {
    pub neg: bool,
    pub exp: i32,
    pub mant: u64,
}

pub fn unpack(b: &[u8]) -> Unp {
    let n = b.len() - 1;
    let mut mant = 0u64;
    for (i, &x) in b[..n].iter().enumerate() {
        mant |= (x as u64) << (8 * i);
    }
    let top = 1u64 << (8 * n - 1);
    Unp {
        neg: mant & top != 0,
        exp: b[n] as i32,
        mant: mant | top,
    }
}

pub fn pack(u: Unp, p: Prec) -> Vec<u8> {
    let n = p.len() - 1;
    let top = 1u64 << (8 * n - 1);
    let m = (u.mant & !top) | if u.neg { top } else { 0 };
    let mut v: Vec<u8> = (0..n).map(|i| (m >> (8 * i)) as u8).collect();
    v.push(u.exp as u8);
    v
}

/// Level II's zero as an operation result.
pub fn zero(p: Prec) -> Vec<u8> {
    vec![0; p.len()]
}

/// Normalise and round a result held as `m` with 8 guard bits below the
/// mantissa (`bits+8` bits wide when normalised, more if it overflowed).
fn finish(neg: bool, mut exp: i32, mut m: u128, p: Prec) -> Res {
    let w = p.bits() + 8;
    if m == 0 {
        return Res::Val(zero(p));
    }
    while m >> w != 0 {
        m >>= 1;
        exp += 1;
    }
    while m >> (w - 1) == 0 {
        m <<= 1;
        exp -= 1;
    }
    if exp <= 0 {
        return Res::Val(zero(p));
    }
    if m & 0x80 != 0 {
        m += 0x100;
        if m >> w != 0 {
            m >>= 1;
            exp += 1;
        }
    }
    if exp > 255 {
        return Res::Err(OV);
    }
    Res::Val(pack(
        Unp {
            neg,
            exp,
            mant: (m >> 8) as u64,
        },
        p,
    ))
}

pub fn add(a: &[u8], b: &[u8], p: Prec) -> Res {
    let (x, y) = (unpack(a), unpack(b));
    if y.exp == 0 {
        return Res::Val(a.to_vec());
    }
    if x.exp == 0 {
        return Res::Val(b.to_vec());
    }
    let (x, y) = if y.exp > x.exp { (y, x) } else { (x, y) };
    let d = (x.exp - y.exp) as u32;
    if d > p.bits() {
        return Res::Val(pack(x, p));
    }
    let mut mx = (x.mant as u128) << 8;
    let my = ((y.mant as u128) << 8) >> d;
    if x.neg != y.neg && p == Prec::Dbl {
        // Level II's double subtraction adds the guard byte of the aligned
        // smaller operand instead of subtracting it (observed: 1.5# plus
        // -(0.5#+2^-56) gives 1+2^-55).
        mx += 2 * (my & 0xFF);
    }
    if x.neg == y.neg {
        finish(x.neg, x.exp, mx + my, p)
    } else if mx >= my {
        finish(x.neg, x.exp, mx - my, p)
    } else {
        finish(!x.neg, x.exp, my - mx, p)
    }
}

pub fn neg(a: &[u8]) -> Vec<u8> {
    let mut v = a.to_vec();
    let n = v.len();
    if v[n - 1] != 0 {
        v[n - 2] ^= 0x80;
    }
    v
}

pub fn sub(a: &[u8], b: &[u8], p: Prec) -> Res {
    add(a, &neg(b), p)
}

pub fn mul(a: &[u8], b: &[u8], p: Prec) -> Res {
    let (x, y) = (unpack(a), unpack(b));
    if x.exp == 0 || y.exp == 0 {
        return Res::Val(zero(p));
    }
    let bits = p.bits();
    // ?OV comes from the exponent sum alone, before normalising.
    if x.exp + y.exp - 128 > 255 {
        return Res::Err(OV);
    }
    let prod = x.mant as u128 * y.mant as u128; // 2*bits wide
    let m = prod >> (bits - 8);
    finish(x.neg != y.neg, x.exp + y.exp - 128, m, p)
}

/// Division. The exponent rules are Level II's as observed (E = difference
/// of the biased exponents, q = quotient of the mantissas): E <= -127 gives
/// zero; E >= 129 gives ?OV; E = 128 gives exponent 01 when q >= 1 (the
/// exponent wraps) and ?OV when q < 1; E = 127 with q >= 1 gives zero (it
/// wraps to 00). In double precision a divisor with exponent FFH gives zero.
pub fn div(a: &[u8], b: &[u8], p: Prec) -> Res {
    let (x, y) = (unpack(a), unpack(b));
    if y.exp == 0 {
        return Res::Err(DIV0);
    }
    if p == Prec::Dbl && y.exp == 0xFF {
        return Res::Val(zero(p));
    }
    // Double precision does not test the dividend's exponent for zero: only
    // an all-zero dividend gives zero.
    if (x.exp == 0 && p == Prec::Sng) || a.iter().all(|&c| c == 0) {
        return Res::Val(zero(p));
    }
    let bits = p.bits();
    let q = ((x.mant as u128) << (bits + 8)) / y.mant as u128;
    let ge1 = x.mant >= y.mant;
    let e = x.exp - y.exp;
    let neg = x.neg != y.neg;
    match (e, ge1) {
        (..=-127, _) => Res::Val(zero(p)),
        (129.., _) | (128, false) => Res::Err(OV),
        (128, true) => finish(neg, 0, q, p),
        (127, true) => Res::Val(zero(p)),
        _ => finish(neg, e + 128, q, p),
    }
}

// --- conversions (as Level II was seen to do them) ------------------------------

/// A value with its type: 2 integer (2 bytes), 4 single, 8 double.
pub type Typed = (u8, Vec<u8>);

fn prec_of(t: u8) -> Prec {
    if t == 8 {
        Prec::Dbl
    } else {
        Prec::Sng
    }
}

/// The exact integer `n` (|n| <= 2^56) in precision `p`.
pub fn from_int(neg: bool, n: u64, p: Prec) -> Vec<u8> {
    if n == 0 {
        return zero(p);
    }
    let bits = p.bits();
    let width = 64 - n.leading_zeros();
    assert!(width <= bits);
    let mant = n << (bits - width);
    pack(
        Unp {
            neg,
            exp: 128 + width as i32,
            mant,
        },
        p,
    )
}

fn int_bytes(i: i32) -> Vec<u8> {
    (i as i16).to_le_bytes().to_vec()
}

/// Integer part of a single or double: (negative, magnitude, fraction lost).
/// Magnitudes beyond 2^56 do not occur: such numbers have no fraction and
/// are handled by the callers.
fn split(b: &[u8], p: Prec) -> (bool, u64, bool) {
    let u = unpack(b);
    let bits = p.bits() as i32;
    if u.exp == 0 {
        return (false, 0, false);
    }
    let k = u.exp - 128;
    if k <= 0 {
        return (u.neg, 0, true);
    }
    let f = bits - k;
    (u.neg, u.mant >> f, u.mant & ((1u64 << f) - 1) != 0)
}

/// INT (floor) and FIX (toward zero). The result is an integer when it fits
/// (FIX: -32767..32767, INT: -32768..32767), otherwise the same type as the
/// argument. Two double-precision quirks of Level II, as observed: when
/// |x| < 32768 both first try the value made single (CSNG, which rounds) and
/// take that when it fits an integer (INT(16842.99999#) is 16843); INT of a negative double
/// beyond the integer range whose six low bytes are all zero adds one to the
/// seventh byte (exponents 90H-B7H; -32768 itself is an integer).
pub fn int_fix(v: &Typed, floor: bool) -> Typed {
    let (t, b) = v;
    if *t == 8 && b[7] < 0x90 {
        if let Ok(s) = csng(v) {
            let r = int_fix_plain(&s, floor);
            if r.0 == 2 {
                return r;
            }
        }
    }
    if *t == 8
        && floor
        && (0x90..0xB8).contains(&b[7])
        && b[6] & 0x80 != 0
        && b[..6].iter().all(|&c| c == 0)
        && !(b[7] == 0x90 && b[6] == 0x80)
    {
        let mut r = b.clone();
        r[6] = r[6].wrapping_add(1);
        return (8, r);
    }
    int_fix_plain(v, floor)
}

fn int_fix_plain(v: &Typed, floor: bool) -> Typed {
    let (t, b) = v;
    if *t == 2 {
        return v.clone();
    }
    let p = prec_of(*t);
    let u = unpack(b);
    if u.exp != 0 && u.exp - 128 >= p.bits() as i32 {
        return v.clone(); // no fraction bits
    }
    let (neg, mut n, frac) = split(b, p);
    if floor && neg && frac {
        n += 1;
    }
    let lim = if neg && floor { 32768 } else { 32767 };
    if n <= lim {
        let i = if neg { -(n as i32) } else { n as i32 };
        return (2, int_bytes(i));
    }
    (*t, from_int(neg, n, p))
}

/// CINT: floor, ?OV outside -32768..32767. A double is first made single
/// (CSNG): Level II's CINT(-32767.00001#) is -32767.
pub fn cint(v: &Typed) -> Result<i16, u8> {
    let v = if v.0 == 8 { csng(v)? } else { v.clone() };
    match int_fix(&v, true) {
        (2, b) => Ok(i16::from_le_bytes([b[0], b[1]])),
        _ => Err(OV),
    }
}

/// CSNG: integers exactly; doubles rounded on the byte below the single's
/// mantissa (the lower bytes do not count).
pub fn csng(v: &Typed) -> Result<Typed, u8> {
    let (t, b) = v;
    match t {
        2 => {
            let i = i16::from_le_bytes([b[0], b[1]]) as i32;
            Ok((4, from_int(i < 0, i.unsigned_abs() as u64, Prec::Sng)))
        }
        4 => Ok(v.clone()),
        _ => {
            let u = unpack(b);
            if u.exp == 0 {
                return Ok((4, zero(Prec::Sng)));
            }
            let m = (u.mant >> 24) as u128; // 24 bits + the guard byte
            match finish(u.neg, u.exp, m, Prec::Sng) {
                Res::Val(x) => Ok((4, x)),
                Res::Err(e) => Err(e),
            }
        }
    }
}

/// CDBL: exact.
pub fn cdbl(v: &Typed) -> Typed {
    let (t, b) = v;
    match t {
        8 => v.clone(),
        4 => {
            let mut x = vec![0; 4];
            x.extend_from_slice(b);
            (8, x)
        }
        _ => {
            let (_, s) = csng(v).unwrap();
            cdbl(&(4, s))
        }
    }
}

// --- integers, comparison, sign (as Level II was seen to do them) -------------

fn int_of(b: &[u8]) -> i32 {
    i16::from_le_bytes([b[0], b[1]]) as i32
}

/// An exact integer result: integer when it fits, otherwise single.
fn int_result(v: i64) -> Typed {
    if (-32768..=32767).contains(&v) {
        (2, int_bytes(v as i32))
    } else {
        (4, from_int(v < 0, v.unsigned_abs(), Prec::Sng))
    }
}

fn sng_of_int(b: &[u8]) -> Vec<u8> {
    csng(&(2, b.to_vec())).unwrap().1
}

fn typed(r: Res, t: u8) -> Result<Typed, u8> {
    match r {
        Res::Val(v) => Ok((t, v)),
        Res::Err(e) => Err(e),
    }
}

/// Integer + - * /: + and - exact (single beyond the integer range), * as
/// a single-precision product beyond it, / always in single precision.
pub fn int_op(op: char, a: &[u8], b: &[u8]) -> Result<Typed, u8> {
    let (x, y) = (int_of(a) as i64, int_of(b) as i64);
    match op {
        '+' => Ok(int_result(x + y)),
        '-' => Ok(int_result(x - y)),
        '*' => {
            let p = x * y;
            if (-32768..=32767).contains(&p) {
                Ok((2, int_bytes(p as i32)))
            } else {
                typed(mul(&sng_of_int(a), &sng_of_int(b), Prec::Sng), 4)
            }
        }
        _ => typed(div(&sng_of_int(a), &sng_of_int(b), Prec::Sng), 4),
    }
}

/// The sign and size of a value for comparing: -1, 0, 1 and the ordering
/// key of its magnitude.
fn cmp_key(t: u8, b: &[u8]) -> (i32, i64, u64) {
    if t == 2 {
        let i = int_of(b) as i64;
        return (i.signum() as i32, i.abs(), 0);
    }
    let u = unpack(b);
    if u.exp == 0 {
        return (0, 0, 0);
    }
    (if u.neg { -1 } else { 1 }, u.exp as i64, u.mant)
}

/// Compare two values of the same type: -1, 0 or 1.
pub fn compare(t: u8, a: &[u8], b: &[u8]) -> i32 {
    let (sa, ea, ma) = cmp_key(t, a);
    let (sb, eb, mb) = cmp_key(t, b);
    if sa != sb {
        return (sa - sb).signum();
    }
    let o = (ea, ma).cmp(&(eb, mb)) as i32;
    o * sa
}

/// A relation's result: -1 (true) or 0, an integer.
pub fn relation(rel: &str, t: u8, a: &[u8], b: &[u8]) -> Typed {
    let c = compare(t, a, b);
    let r = match rel {
        "<" => c < 0,
        "=" => c == 0,
        ">" => c > 0,
        _ => unreachable!(),
    };
    (2, int_bytes(if r { -1 } else { 0 }))
}

/// Unary minus: the sign bit flips (a zero too); -32768% becomes single.
pub fn negate(t: u8, a: &[u8]) -> Typed {
    if t == 2 {
        return int_result(-(int_of(a) as i64));
    }
    let mut v = a.to_vec();
    let n = v.len();
    v[n - 2] ^= 0x80;
    (t, v)
}

/// ABS.
pub fn abs(t: u8, a: &[u8]) -> Typed {
    if t == 2 {
        return int_result((int_of(a) as i64).abs());
    }
    let mut v = a.to_vec();
    let n = v.len();
    v[n - 2] &= 0x7F;
    (t, v)
}

/// SGN: an integer -1, 0 or 1.
pub fn sgn(t: u8, a: &[u8]) -> Typed {
    (2, int_bytes(cmp_key(t, a).0))
}

// --- RND ------------------------------------------------------------------------

pub const FC: u8 = 8;

/// RND(n) with the 24-bit seed and the multiplier M (the bytes at 4090H, most
/// significant first): the new seed (unchanged on an error) and the result.
/// The new seed is seed * M + 05B065H mod 2^24; RND(0) is it / 2^24; RND(n)
/// is INT(RND(0) * n) + 1 as a single; n < 0 gives ?FC.
pub fn rnd(seed: u32, m: u32, n: i32) -> (u32, Result<Typed, u8>) {
    if n < 0 {
        return (seed, Err(FC));
    }
    let s = (seed.wrapping_mul(m).wrapping_add(0x05B065)) & 0xFF_FFFF;
    let mut r = from_int(false, s as u64, Prec::Sng);
    if r[3] != 0 {
        r[3] -= 24;
    }
    if n == 0 {
        return (s, Ok((4, r)));
    }
    let nn = from_int(false, n as u64, Prec::Sng);
    let Res::Val(p) = mul(&r, &nn, Prec::Sng) else {
        unreachable!("below n")
    };
    let (2, i) = int_fix(&(4, p), true) else {
        unreachable!("below 32767")
    };
    let v = i16::from_le_bytes([i[0], i[1]]) as i64 + 1;
    (s, Ok((4, from_int(false, v as u64, Prec::Sng))))
}

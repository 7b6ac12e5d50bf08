mod common;
use common::boot_level2;
#[test]
fn scratch() {
    for rom in [
        std::fs::read("/work/ext/roms/M1L2_1.2.bin").unwrap(),
        roms::get("free").unwrap().image.to_vec(),
    ] {
        let mut m = boot_level2(&rom);
        m.type_text("SYSTEM\n");
        m.run_until_typed(600);
        m.type_text("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        m.run_until_typed(600);
        m.run_for(1_000_000);
        println!("{}", m.screen_text());
    }
}

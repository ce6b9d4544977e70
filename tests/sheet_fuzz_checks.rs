//! The fuzz target's checks (`fuzz/sheet_checks.rs`) on the committed test files and a
//! few hand-made malformed inputs, so that they compile and hold under plain `cargo test`
//! (the fuzz target itself needs cargo-fuzz and a nightly toolchain).

include!("../fuzz/sheet_checks.rs");

#[test]
fn the_fuzz_checks_hold_on_every_test_file() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/csv");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        check_sheet(&std::fs::read(&path).unwrap());
        files += 1;
    }
    assert!(files >= 5);
}

#[test]
fn the_fuzz_checks_hold_on_malformed_input() {
    for input in [
        &b""[..],
        b"\xFF\xFE",
        b"\xFE\xFF\x00",
        b"\xEF\xBB\xBF",
        b"\"",
        b"a,b\n\"x\"y,\"",
        b"a;b\r\n1;2;3;4\r\n\r\n;;\r",
        b"id\x00,title\n",
        b"title,effort,due,confidence,status,plan,tags\n\
          x,\"1,5\",31/Feb/27,150 %,Won\xE2\x80\x99t do,maybe,\"a;b,,\"\n\
          y,2.25,03/04/2027,50%,,must,\n",
        b"effort\n1e308\n-1e308\n1e-320\n99999999999999999999\n",
        b"\xB3\xF3d\x9F;12,5 z\xB3\n",
    ] {
        check_sheet(input);
    }
}

// A short stand-in for the fuzzer under `cargo test`: random CSV-like bytes.
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn the_fuzz_checks_hold_on_random_csv_like_bytes(
        header in proptest::sample::select(vec![
            "", "title,effort,due,confidence,status,plan,tags,account,arr,votes\n",
            "Summary;Custom field (Story Points);Due date;Labels;Labels\r\n",
        ]),
        body in proptest::collection::vec(proptest::sample::select(vec![
            &b"\""[..], b"\"\"", b",", b";", b"\t", b"|", b"\r\n", b"\n", b"\r", b" ",
            b"1", b"2,5", b"1.234", b"12 500,00 z\xC5\x82", b"$1,200", b"80%", b"-",
            b"31.02.2027", b"05/Mar/27 10:15 AM", b"03/04/2027", b"2027-03-30",
            b"must", b"Won't Do", b"=x", b"\xB3", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\x00",
            b"abc", b"\xC2\xA0",
        ]), 0..60),
    ) {
        let mut data = header.as_bytes().to_vec();
        for piece in body {
            data.extend_from_slice(piece);
        }
        check_sheet(&data);
    }
}

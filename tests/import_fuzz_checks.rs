//! The import fuzz target's checks (`fuzz/import_checks.rs`) on the committed test files,
//! hand-made hostile inputs and random CSV-like bytes, so that they compile and hold
//! under plain `cargo test` (the fuzz target itself needs cargo-fuzz).

include!("../fuzz/import_checks.rs");

#[test]
fn the_import_checks_hold_on_every_test_file() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/csv");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        check_import(&std::fs::read(&path).unwrap());
        files += 1;
    }
    assert!(files >= 6);
}

#[test]
fn the_import_checks_hold_on_hostile_input() {
    let long_name = "İ".repeat(9_000);
    let long = format!("id,customer\nA,{long_name}\n");
    for input in [
        &b""[..],
        b"id\n",
        b"id,id\nA,B\n",
        b"title\n\n\n",
        b"id,title\nFS-101,\nFS-101,x\nFS-101,y\n",
        b"id,customer,arr\nA,\"Northgrid Utilities\",-1\nB,,5\n",
        b"id,values.effort.low,values.effort.likely,values.effort.high\nFS-101,3,2,1\n",
        b"id,effort\nFS-101,-0\nFS-102,1e308\nFS-103,1e309\n",
        b"id,votes\nA,4294967295\nB,4294967296\n",
        b"id,bucket,team,customer\nA,growth,key-account,northgrid\nB,GROWTH,Inside Sales,***\n",
        b"id,deadline,confidence,status,plan\nA,31/02/27,101%,won't do,never\n",
        b"Summary;Story Points\r\nA;1,5\r\nB;2.25\r\n",
        b"id\tcustomers\nA\ta;b;c;a;A\n",
        long.as_bytes(),
        b"\xB3\xF3d\x9F;12,5 z\xB3\n",
        b"\xFF\xFEi\x00d\x00\n\x00",
    ] {
        check_import(input);
    }
}

// A short stand-in for the fuzzer under `cargo test`: random CSV-like bytes.
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

    #[test]
    fn the_import_checks_hold_on_random_csv_like_bytes(
        header in proptest::sample::select(vec![
            "", "id,title,effort,due,confidence,status,plan,tags,account,arr,votes,source,bucket\n",
            "Key;Summary;Custom field (Story Points);Due date;Labels;Labels;Customer;ARR\r\n",
            "values.effort.low,values.effort.likely,values.effort.high,id\n",
        ]),
        body in proptest::collection::vec(proptest::sample::select(vec![
            &b"\""[..], b",", b";", b"\t", b"\r\n", b"\n", b" ", b"FS-101", b"FS-102",
            b"R-3", b"1", b"2,5", b"1.234", b"-4", b"$1,200", b"80%", b"150 %",
            b"31.02.2027", b"05/Mar/27 10:15 AM", b"03/04/2027", b"2027-03-30",
            b"must", b"Won't Do", b"=x", b"Northgrid Utilities", b"growth", b"Sales",
            b"\xB3", b"abc", b"\xC2\xA0",
        ]), 0..80),
    ) {
        let mut data = header.as_bytes().to_vec();
        for piece in body {
            data.extend_from_slice(piece);
        }
        check_import(&data);
    }
}

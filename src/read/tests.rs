use super::*;

const MINIMAL: &str = r#"{"format": "thresh.scenario", "version": 1, "name": "n",
  "model": {"criteria": [{"id": "v", "label": "V", "direction": "benefit"}]},
  "requests": [{"id": "a", "title": "A", "values": {"v": 1}}]}"#;

fn problems(text: &str) -> Vec<String> {
    match from_str(text) {
        Err(ReadError::Invalid(p)) => p.list.iter().map(|p| p.to_string()).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fields_may_come_in_any_order() {
    let text = r#"{"requests": [{"values": {"v": 2}, "title": "A", "bucket": "b", "id": "a",
        "asks": [{"account": "x"}]}],
      "accounts": [{"id": "x", "arr": 5}], "buckets": [{"id": "b"}],
      "model": {"criteria": [{"id": "v", "label": "V", "direction": "benefit"}]},
      "name": "n", "version": 1, "format": "thresh.scenario"}"#;
    let s = from_str(text).unwrap();
    assert_eq!(s.requests[0].bucket, Some(0));
    assert_eq!(s.requests[0].asks[0].account, Some(0));
    assert_eq!(s.requests[0].values.get(0).map(Estimate::likely), Some(2.0));
}

#[test]
fn keys_written_twice_are_refused_with_their_path() {
    let text = MINIMAL.replace(r#""name": "n","#, r#""name": "n", "name": "m","#);
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("name: ") && p[0].contains("twice"),
        "{p:?}"
    );

    let text = MINIMAL.replace(r#""values": {"v": 1}"#, r#""values": {"v": 1, "v": 2}"#);
    assert!(problems(&text)[0].starts_with("requests[0].values.v: "));

    let text = MINIMAL.replace(r#""title": "A""#, r#""title": "A", "x": {"k": 1, "k": 2}"#);
    assert!(problems(&text)[0].starts_with("requests[0].x.k: "));

    let text = MINIMAL.replace(r#""requests": ["#, r#""requests": [], "requests": ["#);
    assert!(problems(&text)[0].starts_with("requests: "));
}

#[test]
fn unknown_fields_keep_their_numbers_as_written() {
    let text = MINIMAL.replace(
        r#""title": "A""#,
        r#""title": "A", "x-big": 12345678901234567890123, "x-frac": 1.50, "x-exp": 1E+2"#,
    );
    let s = from_str(&text).unwrap();
    let out = crate::write::to_string(&s);
    for n in ["12345678901234567890123", "1.50", "1E+2"] {
        assert!(out.contains(n), "{n} in {out}");
    }
    assert_eq!(crate::write::to_string(&from_str(&out).unwrap()), out);
}

#[test]
fn syntax_errors_come_alone_with_their_place() {
    let text = "{\"format\": \"thresh.scenario\", \"version\": 0,\n \"name\": 1 2}";
    match from_str(text) {
        Err(ReadError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 12)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn utf16_and_bad_bytes_are_named() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("{}".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let e = from_slice(&bytes).unwrap_err();
    assert!(e.to_string().contains("UTF-16"), "{e}");
    let e = from_slice(b"{\n \"name\": \"a\xFFb\"}").unwrap_err();
    match e {
        ReadError::Syntax { line, message, .. } => {
            assert_eq!(line, 2);
            assert!(message.contains("0xFF"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn long_keys_are_shortened_in_messages() {
    let key = "k".repeat(5_000_000);
    let text = MINIMAL.replace(r#""v": 1"#, &format!(r#""{key}": 1"#));
    let p = problems(&text);
    assert!(p.iter().all(|m| m.len() < 400), "{}", p[0].len());
}

#[test]
fn a_single_request_reads_against_its_scenario() {
    let s = from_str(MINIMAL).unwrap();
    let r = request_in(&s, r#"{"id": "b", "title": "B", "values": {"v": 3}}"#, 1).unwrap();
    assert_eq!(r.values.get(0).map(Estimate::likely), Some(3.0));
    let p = request_in(&s, r#"{"id": "a", "title": "B"}"#, 1).unwrap_err();
    assert!(p.list[0].to_string().starts_with("requests[1].id: "), "{p}");
    assert!(request_in(&s, r#"{"id": "a", "title": "B"}"#, 0).is_ok());
}

#[test]
fn currency_is_an_iso_code_read_written_and_kept_in_its_place() {
    let text = MINIMAL.replace(r#""name": "n","#, r#""name": "n", "currency": "EUR","#);
    let s = from_str(&text).unwrap();
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    let out = crate::write::to_string(&s);
    assert!(
        out.contains("\"name\": \"n\",\n  \"currency\": \"EUR\",\n  \"model\""),
        "{out}"
    );
    assert_eq!(from_str(&out).unwrap(), s);
    for bad in [r#""eur""#, r#""EURO""#, "3"] {
        let text = MINIMAL.replace(
            r#""name": "n","#,
            &format!(r#""name": "n", "currency": {bad},"#),
        );
        let p = problems(&text);
        assert!(
            p.len() == 1 && p[0].starts_with("currency: "),
            "{bad}: {p:?}"
        );
    }
}

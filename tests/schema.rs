//! The JSON Schema of the YAML: the copy in `data/schema/` is the one the
//! code generates (regenerate with `cargo run -- schema >
//! data/schema/vanban.schema.json`), every example validates against it,
//! and a misspelt key does not.

mod common;

use vanban::model::schema::document_schema;

fn schema() -> serde_json::Value {
    document_schema(None)
}

fn instance(yaml: &str) -> serde_json::Value {
    serde_yaml::from_str(yaml).expect("YAML")
}

#[test]
fn the_schema_file_is_current() {
    let file = std::fs::read_to_string(common::repo("data/schema/vanban.schema.json")).unwrap();
    let generated = format!("{}\n", serde_json::to_string_pretty(&schema()).unwrap());
    assert!(
        file == generated,
        "data/schema/vanban.schema.json is stale: run `cargo run -- schema > data/schema/vanban.schema.json`"
    );
}

#[test]
fn every_example_validates() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid schema");
    let mut seen = 0;
    for entry in std::fs::read_dir(common::repo("data/examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let doc = instance(&std::fs::read_to_string(&path).unwrap());
            let errors: Vec<String> =
                validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 16);
}

#[test]
fn misspelt_keys_and_bad_values_do_not_validate() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let good = "kind: cong-van\nissuer: {organ: X, code: ĐU}\nplace: X\nsigner: {role: Bí thư, name: A}\n";
    assert!(validator.is_valid(&instance(good)));
    for bad in [
        good.replace("name: A", "nmae: A"),
        good.replace("kind: cong-van", "kind: cong-vn"),
        format!("{good}date: 2021/11/02\n"),
        format!("{good}body: [{{table: {{widths: [12 mm]}}}}]\n"),
    ] {
        assert!(!validator.is_valid(&instance(&bad)), "{bad}");
    }
}

#[test]
fn one_kind_only() {
    let s = document_schema(Some(vanban::model::Kind::KeHoach));
    assert_eq!(s["properties"]["kind"]["const"], "ke-hoach");
}

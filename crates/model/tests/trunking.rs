//! ENI trunking (reference §1.3): trunked awsvpc task limits per instance type, and the
//! `ecs.awsvpc-trunk-id` attribute of instances launched with `awsvpcTrunking` enabled.

use ecs_model::{
    AWSVPC_TRUNK_ID_ATTRIBUTE, AccountSettings, ContainerInstanceSpec, InstanceCatalog,
    container_instance_from_spec, container_instance_from_spec_with,
};
use expect_test::{Expect, expect};
use serde_json::json;

const TRUNKING: AccountSettings = AccountSettings {
    awsvpc_trunking: true,
};

/// `type: untrunked/trunked` for each type, `-` for a trunked limit the type does not have.
fn check_limits(types: &[&str], expect: Expect) {
    let catalog = InstanceCatalog::builtin();
    let rows: Vec<String> = types
        .iter()
        .map(|name| {
            let t = catalog.get(name).expect("a catalogue type");
            let trunked = t
                .trunked_eni_task_limit()
                .map_or("-".to_owned(), |n| n.to_string());
            format!("{name} {}/{trunked}", t.eni_task_limit())
        })
        .collect();
    expect.assert_eq(&rows.join("\n"));
}

#[test]
fn trunked_limits_follow_the_reference_table() {
    check_limits(
        &[
            "m6g.medium",
            "c6g.medium",
            "r6g.medium",
            "c5.large",
            "m5.xlarge",
            "r5.2xlarge",
            "c6i.4xlarge",
            "c5.9xlarge",
            "c5.12xlarge",
            "m5.8xlarge",
            "m5.12xlarge",
            "r5.12xlarge",
            "m6g.8xlarge",
            "c6g.12xlarge",
            "m6i.8xlarge",
            "c6i.12xlarge",
            "c5.18xlarge",
            "c5.24xlarge",
            "m5.16xlarge",
            "r5.24xlarge",
            "r6g.16xlarge",
            "m6g.metal",
            "m6i.16xlarge",
            "c6i.32xlarge",
            "c6i.metal",
        ],
        expect![[r#"
            m6g.medium 1/4
            c6g.medium 1/4
            r6g.medium 1/4
            c5.large 2/10
            m5.xlarge 3/20
            r5.2xlarge 3/40
            c6i.4xlarge 7/60
            c5.9xlarge 7/60
            c5.12xlarge 7/60
            m5.8xlarge 7/60
            m5.12xlarge 7/60
            r5.12xlarge 7/60
            m6g.8xlarge 7/60
            c6g.12xlarge 7/60
            m6i.8xlarge 7/90
            c6i.12xlarge 7/120
            c5.18xlarge 14/120
            c5.24xlarge 14/120
            m5.16xlarge 14/120
            r5.24xlarge 14/120
            r6g.16xlarge 14/120
            m6g.metal 14/120
            m6i.16xlarge 14/120
            c6i.32xlarge 14/120
            c6i.metal 14/120"#]],
    );
    // a1 is not in the catalogue; the table still knows it.
    assert_eq!(ecs_model::trunked_eni_tasks("a1.medium"), Some(10));
    assert_eq!(ecs_model::trunked_eni_tasks("a1.large"), Some(10));
}

#[test]
fn types_outside_the_table_keep_the_untrunked_limit() {
    check_limits(
        &[
            "t3.large",
            "t4g.medium",
            "m5a.large",
            "r6i.large",
            "m7g.large",
            "c7g.medium",
            "m7i.xlarge",
            "g4dn.xlarge",
            "p3.2xlarge",
            "r5.8xlarge",
            "c5.metal",
        ],
        expect![[r#"
            t3.large 2/-
            t4g.medium 2/-
            m5a.large 2/-
            r6i.large 2/-
            m7g.large 2/-
            c7g.medium 1/-
            m7i.xlarge 3/-
            g4dn.xlarge 2/-
            p3.2xlarge 3/-
            r5.8xlarge 7/-
            c5.metal 14/-"#]],
    );
    let t3 = InstanceCatalog::builtin()
        .get("t3.large")
        .expect("t3.large");
    assert_eq!(t3.awsvpc_task_limit(true), 2);
}

#[test]
fn every_catalogued_trunked_type_matches_the_table_without_trunking() {
    // The untrunked column of the table is maxEni − 1 for every type it lists.
    let untrunked = |size: &str| match size {
        "medium" => 1,
        "large" => 2,
        "xlarge" | "2xlarge" => 3,
        "4xlarge" | "8xlarge" | "9xlarge" | "12xlarge" => 7,
        _ => 14,
    };
    let mut trunked = 0;
    for t in InstanceCatalog::builtin().iter() {
        if t.trunked_eni_task_limit().is_some() {
            trunked += 1;
            let size = t.instance_type.split_once('.').map_or("", |(_, s)| s);
            assert_eq!(t.eni_task_limit(), untrunked(size), "{}", t.instance_type);
            assert!(t.awsvpc_task_limit(true) > t.awsvpc_task_limit(false));
        }
    }
    assert_eq!(trunked, 70);
}

/// The instance's trunk attribute (or `no trunk`) and its awsvpc task limit.
fn check_launch(spec: serde_json::Value, settings: AccountSettings, expect: Expect) {
    let spec: ContainerInstanceSpec = serde_json::from_value(spec).expect("a spec");
    let instance = container_instance_from_spec_with(
        &spec,
        "arn:aws:ecs:us-east-1:123456789012:container-instance/default/ci-1",
        "i-0123456789abcdef0",
        &settings,
    )
    .expect("a catalogue type");
    let trunk = match instance.attribute(AWSVPC_TRUNK_ID_ATTRIBUTE) {
        Some(value) => format!("{AWSVPC_TRUNK_ID_ATTRIBUTE}={}", value.unwrap_or("")),
        None => "no trunk".to_owned(),
    };
    expect.assert_eq(&format!(
        "{trunk}; awsvpc tasks {}",
        instance.eni_task_limit().unwrap_or(0)
    ));
}

#[test]
fn instances_launched_with_trunking_get_a_trunk_eni() {
    let c5 = json!({"instanceType": "c5.large", "availabilityZone": "us-east-1a"});
    check_launch(
        c5.clone(),
        AccountSettings::default(),
        expect!["no trunk; awsvpc tasks 2"],
    );
    check_launch(
        c5,
        TRUNKING,
        expect!["ecs.awsvpc-trunk-id=eni-0852a5730939dc415; awsvpc tasks 10"],
    );
    check_launch(
        json!({"instanceType": "c6i.8xlarge", "availabilityZone": "us-east-1a"}),
        TRUNKING,
        expect!["ecs.awsvpc-trunk-id=eni-0852a5730939dc415; awsvpc tasks 90"],
    );
    // A type without trunking support launches as before.
    check_launch(
        json!({"instanceType": "t3.large", "availabilityZone": "us-east-1a"}),
        TRUNKING,
        expect!["no trunk; awsvpc tasks 2"],
    );
    // Trunking needs agent 1.28.1 or later and Linux.
    check_launch(
        json!({"instanceType": "c5.large", "availabilityZone": "us-east-1a",
            "agentVersion": "1.28.0"}),
        TRUNKING,
        expect!["no trunk; awsvpc tasks 2"],
    );
    check_launch(
        json!({"instanceType": "c5.large", "availabilityZone": "us-east-1a",
            "agentVersion": "1.28.1"}),
        TRUNKING,
        expect!["ecs.awsvpc-trunk-id=eni-0852a5730939dc415; awsvpc tasks 10"],
    );
    check_launch(
        json!({"instanceType": "c5.large", "availabilityZone": "us-east-1a",
            "attributes": {"ecs.os-type": "windows"}}),
        TRUNKING,
        expect!["no trunk; awsvpc tasks 2"],
    );
    // A declared trunk id is kept, and makes the instance trunked whatever the setting.
    check_launch(
        json!({"instanceType": "c5.large", "availabilityZone": "us-east-1a",
            "attributes": {"ecs.awsvpc-trunk-id": "eni-0feedfacecafe0001"}}),
        AccountSettings::default(),
        expect!["ecs.awsvpc-trunk-id=eni-0feedfacecafe0001; awsvpc tasks 10"],
    );
}

#[test]
fn the_trunk_attribute_sits_with_the_built_in_facts() {
    let spec: ContainerInstanceSpec = serde_json::from_value(
        json!({"instanceType": "m6g.large", "availabilityZone": "us-east-1b"}),
    )
    .expect("a spec");
    let trunked = container_instance_from_spec_with(&spec, "arn:ci-7", "i-7", &TRUNKING)
        .expect("a catalogue type");
    let facts: Vec<String> = trunked
        .attributes()
        .iter()
        .filter(|a| a.value.is_some())
        .map(|a| {
            format!(
                "{}={} ({})",
                a.name.as_deref().unwrap_or(""),
                a.value.as_deref().unwrap_or(""),
                a.target_id.as_deref().unwrap_or("")
            )
        })
        .collect();
    expect![[r#"
        ecs.availability-zone=us-east-1b (arn:ci-7)
        ecs.instance-type=m6g.large (arn:ci-7)
        ecs.os-type=linux (arn:ci-7)
        ecs.os-family=LINUX (arn:ci-7)
        ecs.cpu-architecture=arm64 (arn:ci-7)
        ecs.ami-id=ami-0a1b2c3d4e5f60002 (arn:ci-7)
        ecs.vpc-id=vpc-0a1b2c3d (arn:ci-7)
        ecs.subnet-id=subnet-8142dd3f (arn:ci-7)
        ecs.awsvpc-trunk-id=eni-02ac33e192b1959b4 (arn:ci-7)"#]]
    .assert_eq(&facts.join("\n"));
    // Deterministic, and different per instance.
    assert_eq!(
        ecs_model::trunk_eni_id("i-7"),
        ecs_model::trunk_eni_id("i-7")
    );
    assert_ne!(
        ecs_model::trunk_eni_id("i-7"),
        ecs_model::trunk_eni_id("i-8")
    );
    assert!(trunked.is_trunked());
    // Without the setting, the same declaration has no trunk; the rest is identical.
    let plain = container_instance_from_spec(&spec, "arn:ci-7", "i-7").expect("a catalogue type");
    assert!(!plain.is_trunked());
    assert_eq!(plain.attributes().len() + 1, trunked.attributes().len());
    // A trunked instance is still a valid DescribeContainerInstances entry.
    let (_, diagnostics) =
        ecs_model::check_container_instance_value(&serde_json::to_value(&trunked).expect("json"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

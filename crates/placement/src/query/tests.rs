use expect_test::{Expect, expect};
use proptest::prelude::*;

use super::{Expression, InstanceFacts, MAX_EXPRESSION_LENGTH, parse, parse_timestamp};

/// One row of the fixture table of behaviour reference §12.1, plus two attributes (`rank`, and the
/// name-only `ecs.capability.task-eni`) that the table's expressions never mention.
struct Instance {
    id: &'static str,
    ec2_instance_id: Option<&'static str>,
    attributes: Vec<(&'static str, &'static str)>,
    agent_connected: bool,
    agent_version: Option<&'static str>,
    registered_at: Option<&'static str>,
    running_tasks_count: u32,
    groups: Vec<&'static str>,
}

impl InstanceFacts for Instance {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| *value)
    }
    fn ec2_instance_id(&self) -> Option<&str> {
        self.ec2_instance_id
    }
    fn agent_connected(&self) -> bool {
        self.agent_connected
    }
    fn agent_version(&self) -> Option<&str> {
        self.agent_version
    }
    fn registered_at(&self) -> Option<i64> {
        self.registered_at
            .map(|text| parse_timestamp(text).expect("fixture timestamp"))
    }
    fn running_tasks_count(&self) -> u32 {
        self.running_tasks_count
    }
    fn hosts_task_group(&self, group: &str) -> bool {
        self.groups.contains(&group)
    }
}

fn fixtures() -> Vec<Instance> {
    vec![
        Instance {
            id: "A",
            ec2_instance_id: Some("i-abcd1234"),
            attributes: vec![
                ("ecs.instance-type", "t2.small"),
                ("ecs.availability-zone", "us-east-1a"),
                ("stack", "prod"),
                ("rank", "9"),
                ("ecs.capability.task-eni", ""),
            ],
            agent_connected: true,
            agent_version: Some("1.14.2"),
            registered_at: Some("2018-01-10T00:00:00Z"),
            running_tasks_count: 1,
            groups: vec!["service:production"],
        },
        Instance {
            id: "B",
            ec2_instance_id: Some("i-wxyx7890"),
            attributes: vec![
                ("ecs.instance-type", "t2.medium"),
                ("ecs.availability-zone", "us-east-1b"),
                ("stack", "dev"),
                ("rank", "10"),
            ],
            agent_connected: true,
            agent_version: Some("1.20.0"),
            registered_at: Some("2018-03-01T12:00:00Z"),
            running_tasks_count: 0,
            groups: vec![],
        },
        Instance {
            id: "C",
            ec2_instance_id: Some("i-1111aaaa"),
            attributes: vec![
                ("ecs.instance-type", "g2.2xlarge"),
                ("ecs.availability-zone", "us-east-1d"),
                ("rank", "2.5"),
                ("ecs.capability.task-eni", ""),
            ],
            agent_connected: true,
            agent_version: Some("1.14.5"),
            registered_at: Some("2018-02-13T00:00:00Z"),
            running_tasks_count: 2,
            groups: vec!["database", "service:production"],
        },
        Instance {
            id: "D",
            ec2_instance_id: Some("i-2222bbbb"),
            attributes: vec![
                ("ecs.instance-type", "g2.8xlarge"),
                ("ecs.availability-zone", "us-east-1c"),
                ("stack", "prod"),
                ("rank", "x"),
            ],
            agent_connected: false,
            agent_version: Some("1.13.0"),
            registered_at: Some("2017-12-31"),
            running_tasks_count: 0,
            groups: vec![],
        },
    ]
}

/// An ECS Anywhere instance that has no EC2 id and has not reported an agent version yet.
fn external_instance() -> Instance {
    Instance {
        id: "E",
        ec2_instance_id: None,
        attributes: vec![("ecs.capability.external", "")],
        agent_connected: true,
        agent_version: None,
        registered_at: None,
        running_tasks_count: 0,
        groups: vec![],
    }
}

fn parse_ok(source: &str) -> Expression {
    let expression = parse(source).unwrap_or_else(|err| panic!("{source:?} should parse: {err}"));
    let printed = expression.to_string();
    let reparsed = parse(&printed).unwrap_or_else(|err| panic!("{printed:?} should parse: {err}"));
    assert_eq!(reparsed, expression, "{source:?} printed as {printed:?}");
    assert_eq!(reparsed.to_string(), printed);
    expression
}

/// The fixture instances (A–D) the expression matches.
fn check(source: &str, expect: Expect) {
    let expression = parse_ok(source);
    let matched: Vec<&str> = fixtures()
        .iter()
        .filter(|instance| expression.matches(*instance))
        .map(|instance| instance.id)
        .collect();
    let actual = if matched.is_empty() {
        "(none)".to_owned()
    } else {
        matched.join(", ")
    };
    expect.assert_eq(&actual);
}

fn check_error(source: &str, expect: Expect) {
    let err = match parse(source) {
        Ok(expression) => panic!("{source:?} should not parse, got `{expression}`"),
        Err(err) => err,
    };
    let length = source.chars().count();
    assert!(
        err.position <= err.end && err.end <= length,
        "{err:?} outside {length} chars"
    );
    let span: String = source
        .chars()
        .skip(err.position)
        .take(err.end - err.position)
        .collect();
    let actual = format!(
        "{}..{} {span:?}\n{err}\nexpected: {}",
        err.position,
        err.end,
        err.expected.join(" ")
    );
    expect.assert_eq(&actual);
}

fn check_display(source: &str, expect: Expect) {
    expect.assert_eq(&parse_ok(source).to_string());
}

fn check_explain(source: &str, instance: &Instance, expect: Expect) {
    let lines: Vec<String> = parse_ok(source)
        .explain_match(instance)
        .iter()
        .map(|result| format!("{} | {:?} | {}", result.atom, result.actual, result.result))
        .collect();
    expect.assert_eq(&lines.join("\n"));
}

// Behaviour reference §12.1, one test per row.

#[test]
fn string_equality() {
    check("attribute:ecs.instance-type == t2.small", expect![["A"]]);
}

#[test]
fn argument_list() {
    check(
        "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
        expect![["A, B"]],
    );
}

#[test]
fn compound_regex_and_inequality() {
    check(
        "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
        expect![["D"]],
    );
}

#[test]
fn task_affinity() {
    check("task:group == service:production", expect![["A, C"]]);
}

#[test]
fn task_anti_affinity() {
    check("not(task:group == database)", expect![["A, B, D"]]);
}

#[test]
fn running_task_count() {
    check("runningTasksCount == 1", expect![["A"]]);
}

#[test]
fn agent_version_below() {
    check("agentVersion < 1.14.5", expect![["A, D"]]);
}

#[test]
fn registered_before_date() {
    check("registeredAt < 2018-02-13", expect![["A, D"]]);
}

#[test]
fn ec2_instance_id_quoted_list() {
    check(
        "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
        expect![["A, B"]],
    );
}

#[test]
fn instance_type_wildcard() {
    check("attribute:ecs.instance-type =~ t2.*", expect![["A, B"]]);
}

#[test]
fn not_equals_skips_missing_attribute() {
    check("attribute:stack != prod", expect![["B"]]);
}

#[test]
fn not_equals_via_not_includes_missing_attribute() {
    check("not(attribute:stack == prod)", expect![["B, C"]]);
}

#[test]
fn attribute_exists() {
    check("attribute:stack exists", expect![["A, B, D"]]);
}

#[test]
fn attribute_not_exists_both_spellings() {
    check("attribute:stack !exists", expect![["C"]]);
    check("attribute:stack not_exists", expect![["C"]]);
}

#[test]
fn instance_type_list() {
    check(
        "attribute:ecs.instance-type in [t2.small, t2.medium]",
        expect![["A, B"]],
    );
}

#[test]
fn wildcard_and_zone() {
    check(
        "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a",
        expect![["A"]],
    );
}

#[test]
fn agent_disconnected() {
    check("agentConnected == false", expect![["D"]]);
}

#[test]
fn parenthesised_or_within_and() {
    check(
        "(attribute:stack == dev or attribute:stack == prod) and runningTasksCount == 0",
        expect![["B, D"]],
    );
}

#[test]
fn matches_word_form() {
    check(
        "attribute:ecs.instance-type matches g2.*",
        expect![["C, D"]],
    );
}

#[test]
fn greater_than_equal_word_form() {
    check("runningTasksCount greater_than_equal 1", expect![["A, C"]]);
}

#[test]
fn not_in_word_form() {
    check(
        "attribute:ecs.instance-type not_in [t2.small]",
        expect![["B, C, D"]],
    );
}

#[test]
fn not_matches() {
    check("attribute:ecs.instance-type !~ t2.*", expect![["C, D"]]);
}

#[test]
fn agent_version_range_with_symbols() {
    check(
        "agentVersion >= 1.14.5 && agentVersion <= 1.20.0",
        expect![["B, C"]],
    );
}

#[test]
fn registered_at_or_after_full_timestamp() {
    check("registeredAt >= 2018-02-13T00:00:00Z", expect![["B, C"]]);
}

// Further semantics.

#[test]
fn every_operator_word_form() {
    check("runningTasksCount equals 0", expect![["B, D"]]);
    check("runningTasksCount not_equals 0", expect![["A, C"]]);
    check("runningTasksCount greater_than 1", expect![["C"]]);
    check("runningTasksCount less_than 1", expect![["B, D"]]);
    check("runningTasksCount less_than_equal 1", expect![["A, B, D"]]);
    check(
        "ec2InstanceId not_matches 'i-[a-z]+[0-9]+'",
        expect![["C, D"]],
    );
    check("agentConnected in [true]", expect![["A, B, C"]]);
    check("agentConnected !in [true]", expect![["D"]]);
    check("agentConnected =~ t.*", expect![["A, B, C"]]);
}

#[test]
fn connectives_symbols_and_words() {
    check(
        "attribute:stack == dev || attribute:stack == prod",
        expect![["A, B, D"]],
    );
    check("!(attribute:stack == prod)", expect![["B, C"]]);
    check("! attribute:stack exists", expect![["C"]]);
    check("not attribute:stack == prod", expect![["B, C"]]);
    check("not not(attribute:stack == prod)", expect![["A, D"]]);
}

#[test]
fn not_binds_tighter_than_and_and_and_than_or() {
    check(
        "not attribute:stack exists and runningTasksCount == 2 or agentConnected == false",
        expect![["C, D"]],
    );
    check(
        "runningTasksCount == 1 or runningTasksCount == 0 and agentConnected == false",
        expect![["A, D"]],
    );
}

#[test]
fn spaces_are_optional_around_symbols() {
    check("runningTasksCount>=1&&attribute:stack!=dev", expect![["A"]]);
    check("not(task:group==database)", expect![["A, B, D"]]);
    check("attribute:stack!exists", expect![["C"]]);
    check(
        "attribute:ecs.instance-type in[t2.small,t2.medium]",
        expect![["A, B"]],
    );
}

#[test]
fn regex_must_match_the_whole_value() {
    check("attribute:ecs.instance-type =~ t2", expect![["(none)"]]);
    check("attribute:ecs.instance-type =~ '.*medium'", expect![["B"]]);
    check(
        "attribute:ecs.instance-type =~ 'g2\\.(2|8)xlarge'",
        expect![["C, D"]],
    );
    check(
        "attribute:ecs.instance-type =~ 'small|medium'",
        expect![["(none)"]],
    );
}

#[test]
fn missing_attribute_fails_every_operator_but_not_exists() {
    check("attribute:stack !in [prod]", expect![["B"]]);
    check("attribute:stack !~ prod", expect![["B"]]);
    check("attribute:stack < zzz", expect![["A, B, D"]]);
    check("attribute:nothing != x", expect![["(none)"]]);
    check("attribute:nothing not_exists", expect![["A, B, C, D"]]);
}

#[test]
fn name_only_attribute_exists_with_empty_value() {
    check(
        "attribute:ecs.capability.task-eni exists",
        expect![["A, C"]],
    );
    check("attribute:ecs.capability.task-eni == ''", expect![["A, C"]]);
    check(
        "attribute:ecs.capability.task-eni =~ '.*'",
        expect![["A, C"]],
    );
}

#[test]
fn attribute_ordering_numeric_when_both_sides_are_numbers() {
    // 9 < 10 numerically although "9" > "10" as text; "x" compares as text.
    check("attribute:rank > 9", expect![["B, D"]]);
    check("attribute:rank <= 9", expect![["A, C"]]);
    check("attribute:rank > 2.50", expect![["A, B, D"]]);
    // Equality stays textual.
    check("attribute:rank == 2.50", expect![["(none)"]]);
}

#[test]
fn agent_version_is_dotted_numeric() {
    check("agentVersion > 1.9", expect![["A, B, C, D"]]);
    check("agentVersion == 1.20", expect![["B"]]);
    check("agentVersion != 1.20.0.0", expect![["A, C, D"]]);
}

#[test]
fn registered_at_formats() {
    check("registeredAt == 2018-02-13", expect![["C"]]);
    check("registeredAt > '2018-02-12T23:00:00-01:00'", expect![["B"]]);
    check("registeredAt < 2018-01-10T00:00:00+00:00", expect![["D"]]);
    check("registeredAt <= 2018-01-10T00:00:00", expect![["A, D"]]);
}

#[test]
fn task_group_membership_operators() {
    check("task:group != database", expect![["A, B, D"]]);
    check("task:group in [database, nothing]", expect![["C"]]);
    check(
        "task:group !in [database, service:production]",
        expect![["B, D"]],
    );
    check(
        "task:group == 'service:production' and task:group == database",
        expect![["C"]],
    );
}

#[test]
fn quotes_and_case_sensitivity() {
    check("attribute:stack == \"prod\"", expect![["A, D"]]);
    check("attribute:stack == 'PROD'", expect![["(none)"]]);
    check("ec2InstanceId == \"i-abcd1234\"", expect![["A"]]);
}

#[test]
fn external_instance_lacks_built_in_subjects() {
    let external = external_instance();
    for source in [
        "ec2InstanceId != i-abcd1234",
        "ec2InstanceId !in [i-abcd1234]",
        "agentVersion < 9",
        "agentVersion != 1.0",
        "registeredAt > 2000-01-01",
        "registeredAt != 2000-01-01",
    ] {
        assert!(!parse_ok(source).matches(&external), "{source}");
    }
    assert!(parse_ok("attribute:ecs.capability.external exists").matches(&external));
    assert!(parse_ok("runningTasksCount == 0 and agentConnected == true").matches(&external));
}

#[test]
fn unparseable_agent_version_counts_as_missing() {
    let mut instance = external_instance();
    instance.agent_version = Some("1.14.5-beta");
    assert!(!parse_ok("agentVersion > 1.0").matches(&instance));
    assert!(!parse_ok("agentVersion != 1.0").matches(&instance));
}

#[test]
fn depends_on_tasks() {
    let depends = |source: &str| parse_ok(source).depends_on_tasks();
    assert!(depends("not(task:group == database)"));
    assert!(depends("attribute:stack == prod and runningTasksCount < 3"));
    assert!(!depends("attribute:stack == prod or agentVersion < 1.14.5"));
    assert!(!depends(
        "ec2InstanceId in [a] and registeredAt > 2018-01-01 and agentConnected == true"
    ));
}

#[test]
fn attribute_names_in_order_without_duplicates() {
    let names = parse_ok(
        "attribute:stack == a or (attribute:ecs.instance-type =~ t2.* and not(attribute:stack \
         exists)) or task:group == attribute:x",
    )
    .attribute_names();
    assert_eq!(names, ["stack", "ecs.instance-type"]);
}

#[test]
fn explain_match_reports_every_atom() {
    let fixtures = fixtures();
    check_explain(
        "attribute:ecs.instance-type =~ g2.* and attribute:stack != prod or \
         not(task:group in [database, service:production])",
        &fixtures[2],
        expect![[r#"
            attribute:ecs.instance-type =~ g2.* | Some("g2.2xlarge") | true
            attribute:stack != prod | None | false
            task:group in [database, service:production] | Some("database, service:production") | true"#]],
    );
    check_explain(
        "registeredAt < 2018-02-13 and agentConnected == true and runningTasksCount > 0 and \
         agentVersion >= 1.14",
        &fixtures[3],
        expect![[r#"
            registeredAt < 2018-02-13 | Some("2017-12-31T00:00:00Z") | true
            agentConnected == true | Some("false") | false
            runningTasksCount > 0 | Some("0") | false
            agentVersion >= 1.14 | Some("1.13.0") | false"#]],
    );
}

// Display.

#[test]
fn display_normalises() {
    check_display(
        "attribute:ecs.instance-type  matches t2.*   &&  !(task:group equals database)",
        expect![["attribute:ecs.instance-type =~ t2.* and not(task:group == database)"]],
    );
    check_display(
        "not (attribute:x exists)",
        expect![["not(attribute:x exists)"]],
    );
    check_display(
        "attribute:a not_exists or (attribute:b exists or attribute:c exists) and ! not attribute:d \
         exists",
        expect![
            "attribute:a !exists or (attribute:b exists or attribute:c exists) and not(not(attribute:d exists))"
        ],
    );
    check_display(
        "(attribute:a exists and attribute:b exists) and (attribute:c exists || attribute:d exists)",
        expect![[
            "attribute:a exists and attribute:b exists and (attribute:c exists or attribute:d exists)"
        ]],
    );
    check_display(
        "attribute:x in ['a b', \"it's\", '', 'x,y', plain] or attribute:y =~ '(a|b)'",
        expect![[r#"attribute:x in ['a b', "it's", '', 'x,y', plain] or attribute:y =~ '(a|b)'"#]],
    );
    check_display(
        "ec2InstanceId not_in ['i-abcd1234'] and agentVersion greater_than 1.2",
        expect![["ec2InstanceId !in [i-abcd1234] and agentVersion > 1.2"]],
    );
}

#[test]
fn values_may_look_like_keywords_and_operators() {
    check_display("attribute:x == and", expect![["attribute:x == and"]]);
    check_display("attribute:x == !foo", expect![["attribute:x == !foo"]]);
    check_display("attribute:x == ==", expect![["attribute:x == =="]]);
    check_display(
        "task:group == family:web",
        expect![["task:group == family:web"]],
    );
}

#[test]
fn unicode_values_and_positions() {
    check_display(
        "attribute:name == 'שלום עולם'",
        expect![["attribute:name == 'שלום עולם'"]],
    );
    check_display(
        "attribute:name == 日本語",
        expect![["attribute:name == 日本語"]],
    );
    check_error(
        "attribute:name == 日本語 日本",
        expect![[r#"
            22..24 "日本"
            at character 22: expected `and`, `or` or the end of the expression after a complete condition, found `日本`
            expected: and or <end of expression>"#]],
    );
    check_error(
        "\u{200B}attribute:stack == prod",
        expect![[r#"
            0..1 "\u{200b}"
            at character 0: expected a condition, found the invisible character U+200B
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "attribute:st\u{200D}ack == prod",
        expect![[r#"
            12..13 "\u{200d}"
            at character 12: expected an operator after `attribute:st`, found the invisible character U+200D
            expected: == != > >= < <= exists !exists in !in =~ !~"#]],
    );
    // Values keep invisible characters verbatim; only subjects and keywords reject them.
    assert_eq!(
        parse_ok("attribute:x == 'a\u{200B}'").to_string(),
        "attribute:x == a\u{200B}"
    );
}

#[test]
fn the_documented_examples_parse() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/services/placement/",
        "awsdocs__amazon-ecs-developer-guide__placement-and-query-examples.json"
    );
    let text = std::fs::read_to_string(path).expect("fixture file");
    let json: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    let mut sources: Vec<&str> = json["clusterQueryExpressions"]
        .as_array()
        .expect("clusterQueryExpressions")
        .iter()
        .map(|value| value.as_str().expect("string"))
        .collect();
    for constraints in json["placementConstraints"]
        .as_array()
        .expect("placementConstraints")
    {
        for constraint in constraints.as_array().expect("constraint list") {
            sources.extend(constraint["expression"].as_str());
        }
    }
    // The file holds only concrete expressions, no placeholders such as `expression1`.
    assert_eq!(sources.len(), 16);
    for source in sources {
        parse_ok(source);
    }
}

#[test]
fn timestamps() {
    let check =
        |text: &str, expected: Option<i64>| assert_eq!(parse_timestamp(text), expected, "{text}");
    check("1970-01-01", Some(0));
    check("2018-06-18", Some(1_529_280_000));
    check("2018-06-18T22:28:28Z", Some(1_529_360_908));
    check("2018-06-18T22:28:28", Some(1_529_360_908));
    check("2018-06-18T22:28:28+00:00", Some(1_529_360_908));
    check("2018-06-18T23:28:28+01:00", Some(1_529_360_908));
    check("2018-06-18T21:58:28-00:30", Some(1_529_360_908));
    check("2018-06-18T22:28:28.999Z", Some(1_529_360_908));
    check("2016-02-29", Some(1_456_704_000));
    check("1969-12-31T23:59:59Z", Some(-1));
    for invalid in [
        "",
        "2018",
        "2018-6-18",
        "2018-02-30",
        "2017-02-29",
        "2018-13-01",
        "2018-06-18T24:00:00",
        "2018-06-18T22:28",
        "2018-06-18 22:28:28",
        "2018-06-18T22:28:28+0000",
        "2018-06-18Z",
        "2018-06-18T22:28:28.Z",
        "２０１８-06-18",
        "2018-06-18T22:28:28z",
    ] {
        check(invalid, None);
    }
    assert_eq!(
        super::time::format_timestamp(1_529_360_908),
        "2018-06-18T22:28:28Z"
    );
    assert_eq!(super::time::format_timestamp(-1), "1969-12-31T23:59:59Z");
}

#[test]
fn serde_uses_the_normalised_text() {
    let expression = parse_ok("not ( task:group equals database )");
    let json = serde_json::to_string(&expression).unwrap();
    assert_eq!(json, r#""not(task:group == database)""#);
    assert_eq!(
        serde_json::from_str::<Expression>(&json).unwrap(),
        expression
    );
    assert!(serde_json::from_str::<Expression>(r#""task:group ==""#).is_err());
}

// Errors.

#[test]
fn error_missing_argument() {
    check_error(
        "attribute:stack ==",
        expect![[r#"
            18..18 ""
            at character 18: expected a value after `==`
            expected: <value>"#]],
    );
    check_error(
        "not(task:group == )",
        expect![[r#"
            18..19 ")"
            at character 18: expected a value after `==`, found `)`
            expected: <value>"#]],
    );
}

#[test]
fn error_list_required() {
    check_error(
        "attribute:x in t2.small",
        expect![[r#"
            15..23 "t2.small"
            at character 15: `in` needs a list in square brackets, such as `[t2.small]`
            expected: ["#]],
    );
    check_error(
        "attribute:x not_in",
        expect![[r#"
            18..18 ""
            at character 18: expected a list after `not_in`, such as `[value1, value2]`
            expected: ["#]],
    );
    check_error(
        "attribute:x == [a, b]",
        expect![[r#"
            15..21 "[a, b]"
            at character 15: `==` compares with a single value, not a list; use `in` to compare with a list
            expected: <value>"#]],
    );
}

#[test]
fn error_list_syntax() {
    check_error(
        "attribute:x in [a, b",
        expect![[r#"
            20..20 ""
            at character 20: the list opened at character 15 is never closed; expected `,` or `]`
            expected: , ]"#]],
    );
    check_error(
        "attribute:x in []",
        expect![[r#"
            16..17 "]"
            at character 16: expected a value in the list, found `]`
            expected: <value>"#]],
    );
    check_error(
        "attribute:x in [a,]",
        expect![[r#"
            18..19 "]"
            at character 18: expected a value in the list, found `]`
            expected: <value>"#]],
    );
    check_error(
        "attribute:x in [a b]",
        expect![[r#"
            18..19 "b"
            at character 18: expected `,` or `]` in the list, found `b`
            expected: , ]"#]],
    );
}

#[test]
fn error_unknown_operator() {
    check_error(
        "runningTasksCount === 1",
        expect![[r#"
            18..21 "==="
            at character 18: unknown operator `===`; did you mean `==`?
            expected: == != > >= < <="#]],
    );
    check_error(
        "attribute:x equal y",
        expect![[r#"
            12..17 "equal"
            at character 12: unknown operator `equal`; did you mean `equals`?
            expected: == != > >= < <= exists !exists in !in =~ !~"#]],
    );
    check_error(
        "attribute:x !inn [a]",
        expect![[r#"
            12..16 "!inn"
            at character 12: unknown operator `!inn`; `attribute:x` supports `==`, `!=`, `>`, `>=`, `<`, `<=`, `exists`, `!exists`, `in`, `!in`, `=~` and `!~`
            expected: == != > >= < <= exists !exists in !in =~ !~"#]],
    );
    check_error(
        "attribute:x",
        expect![[r#"
            11..11 ""
            at character 11: expected an operator after `attribute:x`, found the end of the expression
            expected: == != > >= < <= exists !exists in !in =~ !~"#]],
    );
}

#[test]
fn error_operator_not_supported_by_subject() {
    check_error(
        "registeredAt =~ 2018.*",
        expect![[r#"
            13..15 "=~"
            at character 13: `registeredAt` can't be used with `=~`; it supports `==`, `!=`, `>`, `>=`, `<` and `<=`
            expected: == != > >= < <="#]],
    );
    check_error(
        "agentVersion in [1.0]",
        expect![[r#"
            13..15 "in"
            at character 13: `agentVersion` can't be used with `in`; it supports `==`, `!=`, `>`, `>=`, `<` and `<=`
            expected: == != > >= < <="#]],
    );
    check_error(
        "ec2InstanceId greater_than i-1",
        expect![[r#"
            14..26 "greater_than"
            at character 14: `ec2InstanceId` can't be used with `greater_than`; it supports `==`, `!=`, `in`, `!in`, `=~` and `!~`
            expected: == != in !in =~ !~"#]],
    );
    check_error(
        "task:group =~ service:.*",
        expect![[r#"
            11..13 "=~"
            at character 11: `task:group` can't be used with `=~`; it supports `==`, `!=`, `in` and `!in`
            expected: == != in !in"#]],
    );
    check_error(
        "agentConnected exists",
        expect![[r#"
            15..21 "exists"
            at character 15: `agentConnected` can't be used with `exists`; it supports `==`, `!=`, `in`, `!in`, `=~` and `!~`
            expected: == != in !in =~ !~"#]],
    );
}

#[test]
fn error_argument_of_wrong_type() {
    check_error(
        "runningTasksCount > many",
        expect![[r#"
            20..24 "many"
            at character 20: `runningTasksCount` compares with a whole number such as `1`; `many` is not one
            expected: <number>"#]],
    );
    check_error(
        "runningTasksCount > -1",
        expect![[r#"
            20..22 "-1"
            at character 20: `runningTasksCount` compares with a whole number such as `1`; `-1` is not one
            expected: <number>"#]],
    );
    check_error(
        "agentVersion < 1.14.x",
        expect![[r#"
            15..21 "1.14.x"
            at character 15: `agentVersion` compares dotted version numbers such as `1.14.5`; `1.14.x` is not one
            expected: <version>"#]],
    );
    check_error(
        "registeredAt < 2018-02-30",
        expect![[r#"
            15..25 "2018-02-30"
            at character 15: `registeredAt` compares with a date such as `2018-06-18` or `2018-06-18T22:28:28Z`; `2018-02-30` is not one
            expected: <date>"#]],
    );
    check_error(
        "agentConnected in [true, yes]",
        expect![[r#"
            25..28 "yes"
            at character 25: `agentConnected` is `true` or `false`, not `yes`
            expected: true false"#]],
    );
}

#[test]
fn error_invalid_regex() {
    check_error(
        "attribute:x =~ 't2.(small'",
        expect![[r#"
            15..26 "'t2.(small'"
            at character 15: invalid regular expression: found open group without closing ')'
            expected: <regular expression>"#]],
    );
    check_error(
        "attribute:x matches 'a)|(b'",
        expect![[r#"
            20..27 "'a)|(b'"
            at character 20: invalid regular expression: found closing ')' without matching '('
            expected: <regular expression>"#]],
    );
    check_error(
        "attribute:x =~ '(a{1000}){1000}'",
        expect![[r#"
            15..32 "'(a{1000}){1000}'"
            at character 15: invalid regular expression: compiled regex exceeded size limit
            expected: <regular expression>"#]],
    );
}

#[test]
fn error_unbalanced_parentheses() {
    check_error(
        "(attribute:stack == prod",
        expect![[r#"
            0..1 "("
            at character 0: this `(` is never closed; expected `)` before the end of the expression
            expected: ) and or"#]],
    );
    check_error(
        "attribute:stack == prod)",
        expect![[r#"
            23..24 ")"
            at character 23: this `)` has no matching `(`
            expected: and or <end of expression>"#]],
    );
    check_error(
        "(attribute:a exists or attribute:b exists]",
        expect![[r#"
            41..42 "]"
            at character 41: expected `)` to close the `(` at character 0, `and` or `or`, found `]`
            expected: ) and or"#]],
    );
    check_error(
        "()",
        expect![[r#"
            1..2 ")"
            at character 1: expected a condition after `(`, found `)`
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
}

#[test]
fn error_single_condition_in_parentheses() {
    check_error(
        "(attribute:stack == prod) and runningTasksCount == 0",
        expect![[r#"
            0..25 "(attribute:stack == prod)"
            at character 0: a single condition can't be wrapped in parentheses; remove them (parentheses only group `and`/`or` expressions or follow `not`)
            expected: "#]],
    );
    check_error(
        "not((attribute:stack == prod))",
        expect![[r#"
            4..29 "(attribute:stack == prod)"
            at character 4: a single condition can't be wrapped in parentheses; remove them (parentheses only group `and`/`or` expressions or follow `not`)
            expected: "#]],
    );
}

#[test]
fn error_unknown_subject() {
    check_error(
        "runningTaskCount == 1",
        expect![[r#"
            0..16 "runningTaskCount"
            at character 0: unknown subject `runningTaskCount`; did you mean `runningTasksCount`?
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "agentconnected == true",
        expect![[r#"
            0..14 "agentconnected"
            at character 0: unknown subject `agentconnected`; did you mean `agentConnected`?
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "attributes:stack == prod",
        expect![[r#"
            0..16 "attributes:stack"
            at character 0: unknown subject `attributes:stack`; did you mean `attribute:stack`?
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "task:groups == web",
        expect![[r#"
            0..11 "task:groups"
            at character 0: unknown subject `task:groups`; did you mean `task:group`?
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "stack == prod",
        expect![[r#"
            0..5 "stack"
            at character 0: unknown subject `stack`; did you mean `attribute:stack`?
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "attribute: stack == prod",
        expect![[r#"
            10..10 ""
            at character 10: expected an attribute name right after `attribute:`, such as `attribute:ecs.instance-type`
            expected: <attribute name>"#]],
    );
}

#[test]
fn error_trailing_input() {
    check_error(
        "attribute:stack == prod attribute:x exists",
        expect![[r#"
            24..35 "attribute:x"
            at character 24: expected `and`, `or` or the end of the expression after a complete condition, found `attribute:x`
            expected: and or <end of expression>"#]],
    );
    check_error(
        "attribute:a exists AND attribute:b exists",
        expect![[r#"
            19..22 "AND"
            at character 19: found `AND`; keywords are lowercase: `and`
            expected: and or <end of expression>"#]],
    );
    check_error(
        "attribute:a exists & attribute:b exists",
        expect![[r#"
            19..20 "&"
            at character 19: found `&`; write `&&` or `and`
            expected: and or <end of expression>"#]],
    );
    check_error(
        "attribute:a exists and",
        expect![[r#"
            22..22 ""
            at character 22: expected a condition after `and`, found the end of the expression
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
}

#[test]
fn error_missing_condition() {
    check_error(
        "attribute:a exists and or attribute:b exists",
        expect![[r#"
            23..25 "or"
            at character 23: expected a condition after `and`, found `or`
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "日本 == x",
        expect![[r#"
        0..2 "日本"
        at character 0: unknown subject `日本`
        expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        "not",
        expect![[r#"
        3..3 ""
        at character 3: expected a condition after `not`, found the end of the expression
        expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
}

#[test]
fn error_empty_input() {
    check_error(
        "",
        expect![[r#"
            0..0 ""
            at character 0: the expression is empty; expected a condition such as `attribute:ecs.instance-type == t2.small`
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
    check_error(
        " \t\n",
        expect![[r#"
            0..3 " \t\n"
            at character 0: the expression is empty; expected a condition such as `attribute:ecs.instance-type == t2.small`
            expected: agentConnected agentVersion attribute:<name> ec2InstanceId registeredAt runningTasksCount task:group not ! ("#]],
    );
}

#[test]
fn error_unterminated_quote() {
    check_error(
        "attribute:stack == 'prod",
        expect![[r#"
            19..24 "'prod"
            at character 19: this quoted value is never closed; add a closing '
            expected: '"#]],
    );
}

#[test]
fn length_limit_counts_characters() {
    let atom = "attribute:x == ";
    let at_limit = format!("{atom}{}", "é".repeat(MAX_EXPRESSION_LENGTH - atom.len()));
    assert!(parse(&at_limit).is_ok());
    let over = format!("{at_limit}é");
    check_error(
        &over.replace('é', "e"),
        expect![[r#"
            2000..2001 "e"
            at character 2000: the expression is 2001 characters long; the limit is 2000
            expected: "#]],
    );
    let err = parse(&over).unwrap_err();
    assert_eq!((err.position, err.end), (2000, 2001));
}

#[test]
fn nesting_is_limited() {
    let depth = |n: usize| format!("{}attribute:x exists{}", "not(".repeat(n), ")".repeat(n));
    assert!(parse(&depth(100)).is_ok());
    check_error(
        &depth(101),
        expect![[r#"
            400..403 "not"
            at character 400: the expression nests parentheses and `not` more than 100 levels deep
            expected: "#]],
    );
    let err = parse(&format!("{}attribute:x exists", "!".repeat(1500))).unwrap_err();
    assert_eq!(err.position, 100);
    let err = parse(&"(".repeat(2000)).unwrap_err();
    assert_eq!(err.position, 100);
}

#[test]
fn adversarial_inputs_of_maximum_length_are_quick() {
    let inputs = [
        format!("attribute:x in [{}a]", "a,".repeat(990)),
        format!("attribute:x =~ '{}'", "(a*)*".repeat(390)),
        format!("attribute:x == a{}", " or attribute:x == a".repeat(99)),
        "x".repeat(2000),
        format!("attribute:{}", "x".repeat(1990)),
        "'".repeat(2000),
        "[".repeat(2000),
    ];
    for input in &inputs {
        let _ = parse(input);
    }
}

// Properties.

/// A generated expression tree with surface-syntax choices, rendered to source text.
#[derive(Clone, Debug)]
enum Gen {
    Atom(String),
    Not(Box<Gen>, bool),
    And(Vec<Gen>, bool),
    Or(Vec<Gen>, bool),
}

impl Gen {
    fn render(&self) -> String {
        match self {
            Gen::Atom(atom) => atom.clone(),
            Gen::Not(inner, bang) => {
                let keyword = if *bang { "!" } else { "not" };
                match **inner {
                    Gen::Atom(_) | Gen::Not(..) if *bang => format!("{keyword}{}", inner.render()),
                    Gen::Atom(_) | Gen::Not(..) => format!("{keyword} {}", inner.render()),
                    _ => format!("{keyword}({})", inner.render()),
                }
            }
            Gen::And(items, symbols) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        Gen::Or(..) | Gen::And(..) => format!("({})", item.render()),
                        _ => item.render(),
                    })
                    .collect();
                parts.join(if *symbols { " && " } else { " and " })
            }
            Gen::Or(items, symbols) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        Gen::Or(..) => format!("({})", item.render()),
                        _ => item.render(),
                    })
                    .collect();
                parts.join(if *symbols { " || " } else { "\n or\t" })
            }
        }
    }
}

fn value_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9.:_-]{1,10}",
        Just("a&b|c!=d<e".to_owned()),
        "[^'\"]{0,8}".prop_map(|text| format!("'{text}'")),
        "[^\"]{0,8}".prop_map(|text| format!("\"{text}\"")),
    ]
}

fn operator_strategy(symbol: &'static str, word: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![Just(symbol.to_owned()), Just(word.to_owned())]
}

fn comparison_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        operator_strategy("==", "equals"),
        operator_strategy("!=", "not_equals"),
        operator_strategy(">", "greater_than"),
        operator_strategy(">=", "greater_than_equal"),
        operator_strategy("<", "less_than"),
        operator_strategy("<=", "less_than_equal"),
    ]
}

fn list_strategy(value: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop::collection::vec(value, 1..4).prop_map(|values| format!("[{}]", values.join(", ")))
}

fn atom_strategy() -> impl Strategy<Value = String> {
    let attribute = || "attribute:[a-zA-Z0-9_./\\\\-]{1,12}";
    let regex = prop_oneof![
        Just("t2.*".to_owned()),
        Just("'(a|b)+c?'".to_owned()),
        Just("'[a-z]{2,3}\\d'".to_owned()),
        Just("\"x's\"".to_owned()),
    ];
    let timestamp = prop_oneof![
        Just("2018-02-13"),
        Just("2018-06-18T22:28:28Z"),
        Just("'2018-06-18T22:28:28+05:30'"),
        Just("2018-06-18T22:28:28"),
    ];
    prop_oneof![
        (attribute(), comparison_strategy(), value_strategy())
            .prop_map(|(s, op, v)| format!("{s} {op} {v}")),
        (
            attribute(),
            prop_oneof![Just("exists"), Just("!exists"), Just("not_exists")]
        )
            .prop_map(|(s, op)| format!("{s} {op}")),
        (
            prop_oneof![
                attribute(),
                Just("ec2InstanceId".to_owned()),
                Just("task:group".to_owned())
            ],
            prop_oneof![Just("in"), Just("!in"), Just("not_in")],
            list_strategy(value_strategy())
        )
            .prop_map(|(s, op, list)| format!("{s} {op} {list}")),
        (
            prop_oneof![
                attribute(),
                Just("ec2InstanceId".to_owned()),
                Just("agentConnected".to_owned())
            ],
            prop_oneof![
                operator_strategy("=~", "matches"),
                operator_strategy("!~", "not_matches")
            ],
            regex
        )
            .prop_map(|(s, op, v)| format!("{s} {op} {v}")),
        (comparison_strategy(), "[0-9]{1,5}")
            .prop_map(|(op, v)| format!("runningTasksCount {op} {v}")),
        (comparison_strategy(), "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}")
            .prop_map(|(op, v)| format!("agentVersion {op} {v}")),
        (comparison_strategy(), timestamp).prop_map(|(op, v)| format!("registeredAt {op} {v}")),
        (
            operator_strategy("==", "equals"),
            prop_oneof![Just("true"), Just("false")]
        )
            .prop_map(|(op, v)| format!("agentConnected {op} {v}")),
        (operator_strategy("!=", "not_equals"), value_strategy())
            .prop_map(|(op, v)| format!("task:group {op} {v}")),
    ]
}

fn gen_strategy() -> impl Strategy<Value = Gen> {
    atom_strategy()
        .prop_map(Gen::Atom)
        .prop_recursive(6, 48, 4, |inner| {
            prop_oneof![
                (inner.clone(), any::<bool>()).prop_map(|(g, bang)| Gen::Not(Box::new(g), bang)),
                (prop::collection::vec(inner.clone(), 2..4), any::<bool>())
                    .prop_map(|(items, symbols)| Gen::And(items, symbols)),
                (prop::collection::vec(inner, 2..4), any::<bool>())
                    .prop_map(|(items, symbols)| Gen::Or(items, symbols)),
            ]
        })
}

/// Fragments that reach deep into the parser when strung together at random.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("attribute:x"),
        Just("attribute:"),
        Just("task:group"),
        Just("runningTasksCount"),
        Just("agentVersion"),
        Just("registeredAt"),
        Just("agentConnected"),
        Just("ec2InstanceId"),
        Just("=="),
        Just("!="),
        Just("==="),
        Just("=~"),
        Just("!~"),
        Just(">="),
        Just("<"),
        Just("in"),
        Just("!in"),
        Just("exists"),
        Just("!exists"),
        Just("not_in"),
        Just("matches"),
        Just("and"),
        Just("or"),
        Just("not"),
        Just("!"),
        Just("&&"),
        Just("||"),
        Just("("),
        Just(")"),
        Just("["),
        Just("]"),
        Just(","),
        Just("'"),
        Just("\""),
        Just("'a b'"),
        Just("t2.*"),
        Just("1"),
        Just("1.14.5"),
        Just("2018-02-13"),
        Just("true"),
        Just("é"),
        Just("\u{200B}"),
        Just("\u{202E}"),
        Just("日本"),
        Just(" "),
        Just(""),
        Just("'(a'"),
    ];
    prop::collection::vec((token, prop_oneof![Just(""), Just(" ")]), 0..24).prop_map(|tokens| {
        tokens
            .into_iter()
            .map(|(token, space)| format!("{token}{space}"))
            .collect()
    })
}

fn assert_total(source: &str) -> Result<(), TestCaseError> {
    let length = source.chars().count();
    match parse(source) {
        Ok(expression) => {
            let printed = expression.to_string();
            let reparsed = parse(&printed);
            prop_assert_eq!(
                reparsed.as_ref(),
                Ok(&expression),
                "printed as {:?}",
                printed
            );
            for instance in fixtures() {
                let _ = expression.explain_match(&instance);
            }
        }
        Err(err) => {
            prop_assert!(err.position <= err.end, "{:?}", err);
            prop_assert!(err.end <= length, "{:?} beyond {} characters", err, length);
            prop_assert!(!err.message.is_empty());
        }
    }
    Ok(())
}

proptest! {
    // Failures are reported, not written to a regressions file beside the crate.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn well_formed_expressions_round_trip(generated in gen_strategy()) {
        let source = generated.render();
        let expression = parse(&source);
        prop_assert!(expression.is_ok(), "{:?}: {}", source, expression.unwrap_err());
        let expression = expression.unwrap();
        let printed = expression.to_string();
        let reparsed = parse(&printed);
        prop_assert_eq!(reparsed.as_ref(), Ok(&expression), "printed as {:?}", printed);
        prop_assert_eq!(reparsed.unwrap().to_string(), printed.clone());
        for instance in fixtures() {
            prop_assert_eq!(expression.matches(&instance), parse(&printed).unwrap().matches(&instance));
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(source in any::<String>()) {
        assert_total(&source)?;
    }

    #[test]
    fn token_soup_never_panics(source in token_soup()) {
        assert_total(&source)?;
    }
}

//! Data-driven rule tests: one `check` helper per area, many small cases.

use ecs_model::{
    ContainerInstanceSpec, Diagnostic, OsFamily, check_create_service, check_run_task,
    check_task_definition, container_instance_from_spec, is_valid_fargate_size, locate,
    parse_task_cpu, parse_task_memory,
};
use expect_test::{Expect, expect};

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let position = match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{l}:{c}"),
                _ => "-".to_owned(),
            };
            format!(
                "{} {} @{}: {}\n",
                d.severity.as_str(),
                d.path,
                position,
                d.message
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Task sizes

fn check_size(input: &str, expect: Expect) {
    let show = |r: Result<u32, ecs_model::TaskSizeError>| match r {
        Ok(n) => n.to_string(),
        Err(e) => format!("error: {e}"),
    };
    expect.assert_eq(&format!(
        "cpu {} / memory {}",
        show(parse_task_cpu(input)),
        show(parse_task_memory(input))
    ));
}

#[test]
fn size_strings() {
    check_size("1024", expect!["cpu 1024 / memory 1024"]);
    check_size(
        "1 vCPU",
        expect![[r#"cpu 1024 / memory error: "1 vCPU" is not a number or a unit string"#]],
    );
    check_size(
        "1 vcpu",
        expect![[r#"cpu 1024 / memory error: "1 vcpu" is not a number or a unit string"#]],
    );
    check_size(
        "4vcpu",
        expect![[r#"cpu 4096 / memory error: "4vcpu" is not a number or a unit string"#]],
    );
    check_size(
        "0.25 vCPU",
        expect![[r#"cpu 256 / memory error: "0.25 vCPU" is not a number or a unit string"#]],
    );
    check_size(
        ".25 vcpu",
        expect![[r#"cpu 256 / memory error: ".25 vcpu" is not a number or a unit string"#]],
    );
    check_size(
        "0.3 vCPU",
        expect![[
            r#"cpu error: "0.3 vCPU" is not a whole number of units / memory error: "0.3 vCPU" is not a number or a unit string"#
        ]],
    );
    check_size(
        "2 GB",
        expect![[r#"cpu error: "2 GB" is not a number or a unit string / memory 2048"#]],
    );
    check_size(
        "2GB",
        expect![[r#"cpu error: "2GB" is not a number or a unit string / memory 2048"#]],
    );
    check_size(
        "30gb",
        expect![[r#"cpu error: "30gb" is not a number or a unit string / memory 30720"#]],
    );
    check_size(
        ".5 gb",
        expect![[r#"cpu error: ".5 gb" is not a number or a unit string / memory 512"#]],
    );
    check_size(" 512 ", expect!["cpu 512 / memory 512"]);
    check_size(
        "",
        expect!["cpu error: the value is empty / memory error: the value is empty"],
    );
    check_size(
        "1.5",
        expect![[
            r#"cpu error: "1.5" is not a whole number of units / memory error: "1.5" is not a whole number of units"#
        ]],
    );
    check_size(
        "-1",
        expect![[
            r#"cpu error: "-1" is not a number or a unit string / memory error: "-1" is not a number or a unit string"#
        ]],
    );
    check_size(
        "99999999999 GB",
        expect![[
            r#"cpu error: "99999999999 GB" is not a number or a unit string / memory error: "99999999999 GB" is too large"#
        ]],
    );
    check_size(
        "vCPU",
        expect![[
            r#"cpu error: "vCPU" is not a number or a unit string / memory error: "vCPU" is not a number or a unit string"#
        ]],
    );
}

#[test]
fn fargate_pairs_of_the_reference() {
    let valid = [
        (256, 512),
        (256, 2048),
        (512, 1024),
        (512, 4096),
        (1024, 2048),
        (1024, 8192),
        (2048, 4096),
        (2048, 16384),
        (4096, 8192),
        (4096, 30720),
        (8192, 16384),
        (8192, 61440),
        (16384, 32768),
        (16384, 122880),
    ];
    for (cpu, memory) in valid {
        assert!(
            is_valid_fargate_size(cpu, memory, OsFamily::Linux),
            "({cpu},{memory}) should be valid"
        );
    }
    let invalid = [
        (256, 3072),
        (256, 256),
        (512, 512),
        (512, 5120),
        (1024, 1024),
        (1024, 9216),
        (2048, 2048),
        (2048, 17408),
        (4096, 7168),
        (4096, 31744),
        (8192, 18432),
        (8192, 65536),
        (16384, 36864),
        (16384, 131072),
        (128, 512),
        (32768, 65536),
    ];
    for (cpu, memory) in invalid {
        assert!(
            !is_valid_fargate_size(cpu, memory, OsFamily::Linux),
            "({cpu},{memory}) should be invalid"
        );
    }
    assert!(!is_valid_fargate_size(
        512,
        1024,
        OsFamily::WindowsServer2019Core
    ));
    assert!(!is_valid_fargate_size(
        8192,
        16384,
        OsFamily::WindowsServer2022Full
    ));
    assert!(is_valid_fargate_size(
        1024,
        2048,
        OsFamily::WindowsServer2019Full
    ));
    let strings = |cpu, memory| (parse_task_cpu(cpu).ok(), parse_task_memory(memory).ok());
    assert_eq!(strings("1 vCPU", "2 GB"), (Some(1024), Some(2048)));
    assert_eq!(strings("4 vcpu", "30GB"), (Some(4096), Some(30720)));
}

// ---------------------------------------------------------------------------------------------
// Task definitions

fn check_td(input: &str, expect: Expect) {
    let (_, diagnostics) = check_task_definition(input);
    expect.assert_eq(&render(&diagnostics));
}

/// A Fargate task definition with `members` merged over a valid base.
fn fargate(container: &str, members: &str) -> String {
    format!(
        r#"{{"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
            "containerDefinitions": [{{"name": "app", "image": "nginx"{container}}}]{members}}}"#
    )
}

/// An EC2 bridge task definition.
fn ec2(container: &str, members: &str) -> String {
    format!(
        r#"{{"family": "web", "containerDefinitions": [{{"name": "app", "image": "nginx", "memory": 256{container}}}]{members}}}"#
    )
}

#[test]
fn task_definition_valid_bases() {
    check_td(&fargate("", ""), expect![""]);
    check_td(&ec2("", ""), expect![""]);
}

#[test]
fn task_definition_json_errors() {
    check_td(
        "{\n  \"family\": \"x\",\n  \"containerDefinitions\": [}\n",
        expect![[r#"
        error  @3:28: Error parsing parameter 'cli-input-json': Invalid JSON: expected value at line 3 column 28
    "#]],
    );
    check_td(
        "[]",
        expect![[r#"
        error  @1:1: Invalid type for parameter input, value: [], valid types: <class 'dict'>
    "#]],
    );
    check_td(
        "",
        expect![[r#"
        error  @1:1: Error parsing parameter 'cli-input-json': Invalid JSON: EOF while parsing a value at line 1 column 0
    "#]],
    );
}

#[test]
fn task_definition_type_errors_are_local() {
    check_td(
        &ec2(
            r#", "cpu": "256", "essential": "yes""#,
            r#", "networkMode": "default""#,
        ),
        expect![[r#"
        error containerDefinitions[0].cpu @1:93: Invalid type for parameter containerDefinitions[0].cpu, value: 256, type: <class 'str'>, valid types: <class 'int'>
        error containerDefinitions[0].essential @1:107: Invalid type for parameter containerDefinitions[0].essential, value: yes, type: <class 'str'>, valid types: <class 'bool'>
        error networkMode @1:129: Value 'default' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set: [bridge, host, awsvpc, none]
    "#]],
    );
    check_td(
        r#"{"family": "web", "cpu": 256, "memory": 512, "containerDefinitions": [{"name": "app", "image": "nginx"}]}"#,
        expect![[r#"
        warning cpu @1:19: Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>
        warning memory @1:31: Invalid type for parameter memory, value: 512, type: <class 'int'>, valid types: <class 'str'>
    "#]],
    );
    check_td(
        r#"{"family": "web", "containerDefinitions": ["app", {"name": "b", "image": "x", "memory": 99999999999}]}"#,
        expect![[r#"
        error containerDefinitions[0] @1:44: Invalid type for parameter containerDefinitions[0], value: app, type: <class 'str'>, valid types: <class 'dict'>
        error containerDefinitions[1].memory @1:79: Invalid value for parameter containerDefinitions[1].memory, value: 99999999999, the number is out of range
        error containerDefinitions[0].name @1:44: Container.name should not be null or empty.
        error containerDefinitions[0].image @1:44: Container.image should not be null or empty.
        error containerDefinitions[0] @1:44: Invalid setting for container ''. At least one of 'memory' or 'memoryReservation' must be specified.
        error containerDefinitions[1] @1:51: Invalid setting for container 'b'. At least one of 'memory' or 'memoryReservation' must be specified.
    "#]],
    );
}

#[test]
fn task_definition_identity_rules() {
    check_td(
        r#"{"containerDefinitions": []}"#,
        expect![[r#"
        error  @1:1: Missing required parameter in input: "family"
        error containerDefinitions @1:2: Container list cannot be empty.
    "#]],
    );
    check_td(
        &ec2("", "").replace("\"web\"", "\"my.web\""),
        expect![[r#"
        error family @1:2: Family contains invalid characters.
    "#]],
    );
    check_td(
        &ec2("", "").replace("\"web\"", &format!("\"{}\"", "a".repeat(256))),
        expect![[r#"
        error family @1:2: Family name must be at most 255 characters.
    "#]],
    );
    check_td(
        &ec2("", "").replace("\"app\"", "\"my app\""),
        expect![[r#"
        error containerDefinitions[0].name @1:45: Container.name contains invalid characters.
    "#]],
    );
}

#[test]
fn task_definition_memory_rules() {
    check_td(
        &ec2(r#", "memoryReservation": 256"#, ""),
        expect![[r#"
        error containerDefinitions[0].memoryReservation @1:93: Invalid setting for container 'app'. 'memory' must be greater than 'memoryReservation'.
    "#]],
    );
    check_td(&ec2(r#", "memoryReservation": 128"#, ""), expect![""]);
    check_td(
        &ec2(r#", "memory": 0"#, ""),
        expect![[r#"
        error containerDefinitions[0].memory @1:78: Invalid 'memory' setting for container 'app'.
    "#]],
    );
    check_td(
        &ec2(r#", "cpu": 512"#, r#", "cpu": "256", "memory": "128""#),
        expect![[r#"
            error containerDefinitions @1:19: The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.
            error containerDefinitions[0].memory @1:78: The 'memory' setting for container 'app' is greater than for the task.
        "#]],
    );
    check_td(
        &ec2("", r#", "cpu": "64""#),
        expect![[r#"
        error cpu @1:95: Invalid 'cpu' setting for task.
    "#]],
    );
    check_td(
        &ec2("", r#", "memory": "lots""#),
        expect![[r#"
        error memory @1:95: Invalid 'memory' setting for task.
    "#]],
    );
}

#[test]
fn task_definition_memory_sum_rules() {
    let two = |task: &str, first: &str, second: &str| {
        format!(
            r#"{{"family": "web", "memory": "{task}", "containerDefinitions": [
                {{"name": "app", "image": "nginx"{first}}},
                {{"name": "side", "image": "busybox"{second}}}]}}"#
        )
    };
    // The API: "The total amount of memory reserved for all containers within a task must be
    // lower than the task memory value"; a container reserves memoryReservation, else memory.
    check_td(
        &two("512", r#", "memory": 384"#, r#", "memory": 256"#),
        expect![[r#"
            error memory @1:19: The sum of all container memory reservations ('memoryReservation', else 'memory') is 640 MiB, greater than the task 'memory' of 512 MiB.
        "#]],
    );
    check_td(
        &two(
            "512",
            r#", "memory": 1024, "memoryReservation": 256"#,
            r#", "memory": 300"#,
        ),
        expect![[r#"
            error memory @1:19: The sum of all container memory reservations ('memoryReservation', else 'memory') is 556 MiB, greater than the task 'memory' of 512 MiB.
            error containerDefinitions[0].memory @2:51: The 'memory' setting for container 'app' is greater than for the task.
        "#]],
    );
    // Equal is accepted (reference §1.2), as are containers without any memory value.
    check_td(
        &two("512", r#", "memory": 256"#, r#", "memoryReservation": 256"#),
        expect![[r#""#]],
    );
    check_td(&two("512", r#", "memory": 256"#, ""), expect![[r#""#]]);
    // Only memoryReservation over the task: AWS's own message, not ours as well.
    check_td(
        &two(
            "512",
            r#", "memoryReservation": 384"#,
            r#", "memoryReservation": 256"#,
        ),
        expect![[r#"
            error containerDefinitions @1:36: The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.
        "#]],
    );
    // A container alone over the task gets AWS's per-container message only.
    check_td(
        &two("512", r#", "memory": 600"#, r#", "memory": 100"#),
        expect![[r#"
            error containerDefinitions[0].memory @2:51: The 'memory' setting for container 'app' is greater than for the task.
        "#]],
    );
    check_td(
        &fargate(r#", "memory": 400"#, "").replace(
            r#""containerDefinitions": [{"name": "app", "image": "nginx", "memory": 400}]"#,
            r#""containerDefinitions": [{"name": "app", "image": "nginx", "memory": 400}, {"name": "log", "image": "fluent-bit", "memoryReservation": 200, "essential": false}]"#,
        ),
        expect![[r#"
            error memory @1:98: The sum of all container memory reservations ('memoryReservation', else 'memory') is 600 MiB, greater than the task 'memory' of 512 MiB.
        "#]],
    );
}

#[test]
fn task_definition_container_memory_minimum() {
    // The API: "don't specify less than 6 MiB of memory for your containers"; AWS registers it.
    check_td(&ec2("", "").replace("256", "6"), expect![[r#""#]]);
    check_td(
        &ec2("", "").replace("256", "5"),
        expect![[r#"
        warning containerDefinitions[0].memory @1:78: The 'memory' setting for container 'app' is 5 MiB; Docker needs at least 6 MiB.
    "#]],
    );
    check_td(
        &ec2(r#", "memoryReservation": 4"#, "").replace("256", "5"),
        expect![[r#"
            warning containerDefinitions[0].memory @1:78: The 'memory' setting for container 'app' is 5 MiB; Docker needs at least 6 MiB.
            warning containerDefinitions[0].memoryReservation @1:91: The 'memoryReservation' setting for container 'app' is 4 MiB; Docker needs at least 6 MiB.
        "#]],
    );
    check_td(
        &ec2(r#", "memoryReservation": 1"#, "").replace(r#""memory": 256, "#, ""),
        expect![[r#"
            warning containerDefinitions[0].memoryReservation @1:78: The 'memoryReservation' setting for container 'app' is 1 MiB; Docker needs at least 6 MiB.
        "#]],
    );
}

#[test]
fn task_definition_windows_task_size() {
    let windows = r#", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}"#;
    // The API: "Task-level CPU and memory parameters are ignored for Windows containers."
    check_td(
        &ec2(
            r#", "cpu": 512"#,
            &format!(r#", "cpu": "1024", "memory": "1024"{windows}"#),
        ),
        expect![[r#"
            warning cpu @1:107: Task-level 'cpu' is ignored for Windows containers.
            warning memory @1:122: Task-level 'memory' is ignored for Windows containers.
        "#]],
    );
    check_td(
        &ec2(
            "",
            &format!(
                r#", "requiresCompatibilities": ["EC2", "FARGATE"], "networkMode": "awsvpc", "cpu": "1024", "memory": "2048"{windows}"#
            ),
        ),
        expect![[r#"
            warning cpu @1:167: Task-level 'cpu' is ignored for Windows containers.
            warning memory @1:182: Task-level 'memory' is ignored for Windows containers.
        "#]],
    );
    // Fargate alone sizes the task from the task-level values.
    check_td(
        &fargate("", windows).replace(
            r#""cpu": "256", "memory": "512""#,
            r#""cpu": "1024", "memory": "2048""#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn task_definition_neuron_device_rules() {
    let neuron = |value: &str| {
        format!(r#", "resourceRequirements": [{{"type": "NeuronDevice", "value": "{value}"}}]"#)
    };
    // The API: "When the type is NeuronDevice, the value must be ALL."
    check_td(&ec2(&neuron("ALL"), ""), expect![[r#""#]]);
    check_td(
        &ec2(&neuron("2"), ""),
        expect![[r#"
        error containerDefinitions[0].resourceRequirements[0].value @1:143: Invalid 'resourceRequirements' setting for container 'app'. The NeuronDevice value must be ALL.
    "#]],
    );
    check_td(
        &ec2(&neuron("all"), ""),
        expect![[r#"
        error containerDefinitions[0].resourceRequirements[0].value @1:143: Invalid 'resourceRequirements' setting for container 'app'. The NeuronDevice value must be ALL.
    "#]],
    );
    // "Only one container in a task can specify NeuronDevice resources."
    check_td(
        &format!(
            r#"{{"family": "ml", "containerDefinitions": [
                {{"name": "a", "image": "x", "memory": 128{}}},
                {{"name": "b", "image": "x", "memory": 128, "resourceRequirements": [{{"type": "GPU", "value": "1"}}, {{"type": "NeuronDevice", "value": "ALL"}}]}},
                {{"name": "c", "image": "x", "memory": 128{}}}]}}"#,
            neuron("ALL"),
            neuron("ALL")
        ),
        expect![[r#"
            error containerDefinitions[1].resourceRequirements[1].type @3:117: Invalid 'resourceRequirements' setting for container 'b'. Only one container in a task can specify NeuronDevice resources; container 'a' already does.
            error containerDefinitions[2].resourceRequirements[0].type @4:86: Invalid 'resourceRequirements' setting for container 'c'. Only one container in a task can specify NeuronDevice resources; container 'a' already does.
        "#]],
    );
}

#[test]
fn task_definition_configured_at_launch_volumes() {
    let volumes = |list: &str| ec2("", &format!(r#", "volumes": [{list}]"#));
    // The API: "Each task definition revision may only have one volume configured at launch".
    check_td(
        &volumes(
            r#"{"name": "ebs1", "configuredAtLaunch": true}, {"name": "scratch"}, {"name": "off", "configuredAtLaunch": false}"#,
        ),
        expect![[r#""#]],
    );
    check_td(
        &volumes(
            r#"{"name": "ebs1", "configuredAtLaunch": true}, {"name": "scratch"}, {"name": "ebs2", "configuredAtLaunch": true}, {"name": "ebs3", "configuredAtLaunch": true}"#,
        ),
        expect![[r#"
            error volumes[2].configuredAtLaunch @1:191: Invalid 'volumes' setting. Only one volume in a task definition can be configured at launch; volumes[0] ('ebs1') already is.
            error volumes[3].configuredAtLaunch @1:237: Invalid 'volumes' setting. Only one volume in a task definition can be configured at launch; volumes[0] ('ebs1') already is.
        "#]],
    );
}

#[test]
fn task_definition_ephemeral_host_ports() {
    let host_port = |port: u32, members: &str| {
        ec2(
            &format!(r#", "portMappings": [{{"containerPort": 80, "hostPort": {port}}}]"#),
            members,
        )
    };
    // The API: "Do not attempt to specify a host port in the ephemeral port range ... In general,
    // ports below 32768 are outside of the ephemeral port range."
    check_td(&host_port(32767, ""), expect![[r#""#]]);
    check_td(
        &host_port(32768, ""),
        expect![[r#"
        warning containerDefinitions[0].portMappings[0].hostPort @1:132: Host port 32768 is in the ephemeral port range, which is reserved for dynamic host ports.
    "#]],
    );
    check_td(
        &host_port(49153, ""),
        expect![[r#"
        warning containerDefinitions[0].portMappings[0].hostPort @1:132: Host port 49153 is in the ephemeral port range, which is reserved for dynamic host ports.
    "#]],
    );
    check_td(
        &host_port(65535, ""),
        expect![[r#"
        warning containerDefinitions[0].portMappings[0].hostPort @1:132: Host port 65535 is in the ephemeral port range, which is reserved for dynamic host ports.
    "#]],
    );
    // A reserved agent port gets only the reserved-port warning; dynamic and non-bridge mappings
    // none.
    check_td(
        &host_port(51678, ""),
        expect![[r#"
        warning containerDefinitions[0].portMappings[0].hostPort @1:132: Host port 51678 is reserved by the ECS container instance.
    "#]],
    );
    check_td(&host_port(0, ""), expect![[r#""#]]);
    check_td(
        &ec2(
            r#", "portMappings": [{"containerPort": 50000}]"#,
            r#", "networkMode": "host""#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn task_definition_fargate_rules() {
    check_td(
        &fargate("", "").replace(r#""cpu": "256", "memory": "512","#, ""),
        expect![[r#"
        error  @1:1: Fargate requires that 'cpu' be defined at the task level.
        error  @1:1: Fargate requires that 'memory' be defined at the task level.
    "#]],
    );
    check_td(
        &fargate("", "").replace(r#""512""#, r#""4 GB""#),
        expect![[r#"
        error memory @1:98: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.
    "#]],
    );
    check_td(
        &fargate("", "").replace("awsvpc", "bridge"),
        expect![[r#"
        error networkMode @1:59: Fargate only supports network mode ‘awsvpc’.
    "#]],
    );
    check_td(
        &fargate(
            r#", "privileged": true, "dnsServers": ["1.1.1.1"], "linuxParameters": {"maxSwap": 1}"#,
            r#", "ipcMode": "task", "pidMode": "host""#,
        ),
        expect![[r#"
        error ipcMode @2:156: Tasks using the Fargate launch type do not support ipcMode.
        error pidMode @2:175: Tasks using the Fargate launch type do not support pidMode 'host'.
        error containerDefinitions[0].privileged @2:72: Tasks using the Fargate launch type do not support privileged.
        error containerDefinitions[0].dnsServers @2:92: Tasks using the Fargate launch type do not support dnsServers.
        error containerDefinitions[0].linuxParameters.maxSwap @2:139: Tasks using the Fargate launch type do not support maxSwap.
    "#]],
    );
    check_td(
        &fargate(
            r#", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}}"#,
            "",
        ),
        expect![[r#"
        error containerDefinitions[0].logConfiguration.options @2:117: Log driver awslogs requires options: awslogs-region
        error containerDefinitions[0].logConfiguration @2:72: Fargate requires task definition to have execution role ARN to support log driver awslogs.
    "#]],
    );
    check_td(
        &fargate("", r#", "ephemeralStorage": {"sizeInGiB": 20}"#),
        expect![[r#"
        error ephemeralStorage.sizeInGiB @2:95: The ephemeral storage size must be between 21 and 200 GiB.
    "#]],
    );
    check_td(
        &fargate("", r#", "ephemeralStorage": {"sizeInGiB": 200}"#),
        expect![""],
    );
    // The API documents 2-120 seconds for both timeouts on Fargate.
    check_td(
        &fargate(r#", "startTimeout": 1, "stopTimeout": 121"#, ""),
        expect![[r#"
            error containerDefinitions[0].startTimeout @2:72: Invalid 'startTimeout' setting for container 'app'.
            error containerDefinitions[0].stopTimeout @2:91: Invalid 'stopTimeout' setting for container 'app'.
        "#]],
    );
    check_td(
        &fargate(r#", "startTimeout": 2, "stopTimeout": 120"#, ""),
        expect![""],
    );
    check_td(
        &ec2(r#", "startTimeout": 300, "stopTimeout": 300"#, ""),
        expect![""],
    );
    // A GPU requirement of ALL is still a GPU.
    check_td(
        &fargate(
            r#", "resourceRequirements": [{"type": "GPU", "value": "ALL"}]"#,
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].resourceRequirements @2:72: Tasks using the Fargate launch type do not support GPU resource requirements.
        "#]],
    );
}

#[test]
fn task_definition_gpu_values() {
    let gpu = |value: &str| {
        ec2(
            &format!(r#", "resourceRequirements": [{{"type": "GPU", "value": "{value}"}}]"#),
            "",
        )
    };
    check_td(&gpu("2"), expect![""]);
    // The API: "You can also specify ALL to allocate all available GPUs on the instance".
    check_td(&gpu("ALL"), expect![""]);
    check_td(
        &gpu("0"),
        expect![[r#"
        error containerDefinitions[0].resourceRequirements[0].value @1:134: Invalid 'resourceRequirements' setting for container 'app'. The GPU value must be a positive whole number or ALL.
    "#]],
    );
    check_td(
        &gpu("all"),
        expect![[r#"
        error containerDefinitions[0].resourceRequirements[0].value @1:134: Invalid 'resourceRequirements' setting for container 'app'. The GPU value must be a positive whole number or ALL.
    "#]],
    );
}

#[test]
fn task_definition_network_rules() {
    let ports = r#", "portMappings": [{"containerPort": 80, "hostPort": 8080}]"#;
    check_td(
        &ec2(ports, r#", "networkMode": "host""#),
        expect![[r#"
        error containerDefinitions[0].portMappings[0].hostPort @1:132: When networkMode=host, the host ports and container ports in port mappings must match.
    "#]],
    );
    check_td(&ec2(ports, ""), expect![""]);
    check_td(
        &ec2(ports, r#", "networkMode": "none""#),
        expect![[r#"
        error containerDefinitions[0].portMappings @1:93: Port mappings are not supported when networkMode=none.
    "#]],
    );
    check_td(
        &ec2(
            r#", "portMappings": [{"containerPort": 80, "hostPort": 22}]"#,
            "",
        ),
        expect![[r#"
        warning containerDefinitions[0].portMappings[0].hostPort @1:132: Host port 22 is reserved by the ECS container instance.
    "#]],
    );
    check_td(
        &ec2(
            r#", "links": ["db"], "hostname": "x""#,
            r#", "networkMode": "awsvpc""#,
        ),
        expect![[r#"
        error containerDefinitions[0].links @1:93: Links are not supported when networkMode=awsvpc.
        error containerDefinitions[0].hostname @1:110: hostname is not supported on container when networkMode=awsvpc.
    "#]],
    );
    check_td(
        &ec2(r#", "portMappings": [{"containerPort": 70000}]"#, ""),
        expect![[r#"
        error containerDefinitions[0].portMappings[0].containerPort @1:111: Invalid 'containerPort' setting for container 'app'.
    "#]],
    );
}

#[test]
fn task_definition_platform_rules() {
    let windows = r#", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}"#;
    check_td(
        &ec2(
            r#", "links": ["db"]"#,
            &format!(r#", "pidMode": "task", "ipcMode": "host"{windows}"#),
        ),
        expect![[r#"
            error pidMode @1:112: pidMode is not supported for Windows containers.
            error ipcMode @1:131: ipcMode is not supported for Windows containers.
            error containerDefinitions[0].links @1:93: Links are not supported for Windows containers.
        "#]],
    );
    // On Fargate only what the Fargate rules leave is reported again.
    check_td(
        &fargate(
            "",
            &format!(r#", "pidMode": "task", "ipcMode": "task"{windows}"#),
        )
        .replace(
            r#""cpu": "256", "memory": "512""#,
            r#""cpu": "1024", "memory": "2048""#,
        ),
        expect![[r#"
            error pidMode @2:74: pidMode is not supported for Windows containers.
            error ipcMode @2:93: Tasks using the Fargate launch type do not support ipcMode.
        "#]],
    );
    // The same on Linux is fine.
    check_td(
        &ec2(
            r#", "links": ["db"]"#,
            r#", "pidMode": "task", "ipcMode": "host""#,
        ),
        expect![""],
    );
    check_td(
        &ec2(
            "",
            r#", "requiresCompatibilities": ["EXTERNAL"], "networkMode": "awsvpc""#,
        ),
        expect![[r#"
            error networkMode @1:136: Tasks using the EXTERNAL launch type do not support network mode 'awsvpc'.
        "#]],
    );
    check_td(
        &ec2(
            "",
            r#", "requiresCompatibilities": ["EXTERNAL"], "networkMode": "host""#,
        ),
        expect![""],
    );
}

#[test]
fn task_definition_quota_rules() {
    let tags = |n: usize| {
        let list: Vec<String> = (0..n)
            .map(|k| format!(r#"{{"key": "k{k}", "value": "v"}}"#))
            .collect();
        format!(r#", "tags": [{}]"#, list.join(", "))
    };
    check_td(&ec2("", &tags(50)), expect![""]);
    check_td(
        &ec2("", &tags(51)),
        expect![[r#"
        error tags @1:95: Too many tags: 51. A task definition can have at most 50 tags.
    "#]],
    );
    let image =
        |length: usize| ec2("", "").replace("\"nginx\"", &format!("\"{}\"", "a".repeat(length)));
    check_td(&image(255), expect![""]);
    check_td(
        &image(256),
        expect![[r#"
        error containerDefinitions[0].image @1:60: Invalid 'image' setting for container 'app'.
    "#]],
    );
    check_td(
        &ec2("", "").replace(
            "\"nginx\"",
            &format!("\"{}@sha256:{}\"", "a".repeat(255), "0".repeat(64)),
        ),
        expect![""],
    );
    let environment = |length: usize| {
        ec2(
            &format!(
                r#", "environment": [{{"name": "BIG", "value": "{}"}}]"#,
                "x".repeat(length)
            ),
            "",
        )
    };
    check_td(&environment(60_000), expect![""]);
    check_td(
        &environment(70_000),
        expect![[r#"
        error  @1:1: The task definition is 70127 bytes; the maximum size is 64 KiB (65536 bytes).
    "#]],
    );
}

#[test]
fn task_definition_port_range_rules() {
    let ranges = |mappings: &str| format!(r#", "portMappings": [{mappings}]"#);
    check_td(
        &ec2(
            &ranges(
                r#"{"containerPortRange": "8000-8099"}, {"containerPortRange": "8000-8099", "protocol": "udp"}, {"containerPort": 80}, {"containerPortRange": "1-2"}"#,
            ),
            "",
        ),
        expect![""],
    );
    check_td(
        &ec2(&ranges(r#"{"containerPortRange": "1-65535"}"#), ""),
        expect![""],
    );
    check_td(
        &fargate(&ranges(r#"{"containerPortRange": "5000-5100"}"#), ""),
        expect![""],
    );
    check_td(
        &ec2(
            &ranges(
                r#"{"containerPortRange": "80"}, {"containerPortRange": "90-80"}, {"containerPortRange": "0-10"}, {"containerPortRange": "a-b"}, {"containerPortRange": "1-70000"}"#,
            ),
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings[0].containerPortRange @1:111: Invalid 'containerPortRange' setting for container 'app'. '80' is not a port range of the form first-last.
            error containerDefinitions[0].portMappings[1].containerPortRange @1:141: Invalid 'containerPortRange' setting for container 'app'. In '90-80' the first port must be less than the last port.
            error containerDefinitions[0].portMappings[2].containerPortRange @1:174: Invalid 'containerPortRange' setting for container 'app'. '0-10' has a port outside 1-65535.
            error containerDefinitions[0].portMappings[3].containerPortRange @1:206: Invalid 'containerPortRange' setting for container 'app'. 'a-b' is not a port range of the form first-last.
            error containerDefinitions[0].portMappings[4].containerPortRange @1:237: Invalid 'containerPortRange' setting for container 'app'. '1-70000' has a port outside 1-65535.
        "#]],
    );
    check_td(
        &ec2(
            &ranges(
                r#"{"containerPortRange": "80-80"}, {"containerPortRange": ""}, {"containerPortRange": "-5-10"}, {"containerPortRange": " 80-90"}, {"containerPortRange": "1-2-3"}, {"containerPortRange": "1-99999999999999999999"}"#,
            ),
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings[0].containerPortRange @1:111: Invalid 'containerPortRange' setting for container 'app'. In '80-80' the first port must be less than the last port.
            error containerDefinitions[0].portMappings[1].containerPortRange @1:144: Invalid 'containerPortRange' setting for container 'app'. '' is not a port range of the form first-last.
            error containerDefinitions[0].portMappings[2].containerPortRange @1:172: Invalid 'containerPortRange' setting for container 'app'. '-5-10' is not a port range of the form first-last.
            error containerDefinitions[0].portMappings[3].containerPortRange @1:205: Invalid 'containerPortRange' setting for container 'app'. ' 80-90' is not a port range of the form first-last.
            error containerDefinitions[0].portMappings[4].containerPortRange @1:239: Invalid 'containerPortRange' setting for container 'app'. '1-2-3' is not a port range of the form first-last.
            error containerDefinitions[0].portMappings[5].containerPortRange @1:272: Invalid 'containerPortRange' setting for container 'app'. '1-99999999999999999999' has a port outside 1-65535.
        "#]],
    );
    check_td(
        &ec2(
            &ranges(r#"{"containerPortRange": "8000-8010", "containerPort": 8000, "hostPort": 0}"#),
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings[0].containerPort @1:146: Invalid 'containerPort' setting for container 'app'. A port mapping with 'containerPortRange' cannot also set 'containerPort'.
            error containerDefinitions[0].portMappings[0].hostPort @1:169: Invalid 'hostPort' setting for container 'app'. A port mapping with 'containerPortRange' cannot also set 'hostPort'.
        "#]],
    );
    check_td(
        &ec2(
            &ranges(r#"{"containerPortRange": "8000-8010"}"#),
            r#", "networkMode": "host""#,
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings[0].containerPortRange @1:111: containerPortRange is not supported when networkMode=host.
        "#]],
    );
    check_td(
        &ec2(
            &ranges(r#"{"containerPortRange": "8000-8010"}"#),
            r#", "networkMode": "none""#,
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings @1:93: Port mappings are not supported when networkMode=none.
        "#]],
    );
    check_td(
        &ec2(
            &ranges(
                r#"{"containerPortRange": "8000-8100"}, {"containerPortRange": "8100-8200"}, {"containerPortRange": "9000-9010"}, {"containerPort": 9005}, {"containerPort": 7000}, {"containerPortRange": "6990-7000"}, {"containerPortRange": "7000-7001", "protocol": "udp"}, {"containerPort": 80}, {"containerPort": 80}"#,
            ),
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings[1].containerPortRange @1:148: Invalid 'containerPortRange' setting for container 'app'. The range 8100-8200 (tcp) overlaps the range 8000-8100 of portMappings[0].
            error containerDefinitions[0].portMappings[3].containerPort @1:222: Invalid 'containerPort' setting for container 'app'. The containerPort 9005 (tcp) overlaps the range 9000-9010 of portMappings[2].
            error containerDefinitions[0].portMappings[5].containerPortRange @1:272: Invalid 'containerPortRange' setting for container 'app'. The range 6990-7000 (tcp) overlaps the containerPort 7000 of portMappings[4].
            error containerDefinitions[0].portMappings[8].containerPort @1:388: Invalid 'containerPort' setting for container 'app'. The containerPort 80 (tcp) is already mapped by portMappings[7].
        "#]],
    );
    let many = |n: u32| {
        (0..n)
            .map(|k| {
                format!(
                    r#"{{"containerPortRange": "{}-{}"}}"#,
                    1000 + 2 * k,
                    1001 + 2 * k
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    check_td(&ec2(&ranges(&many(100)), ""), expect![""]);
    check_td(
        &ec2(&ranges(&many(101)), ""),
        expect![[r#"
        error containerDefinitions[0].portMappings @1:93: Invalid 'portMappings' setting for container 'app'. A container can have at most 100 port ranges, not 101.
    "#]],
    );
}

#[test]
fn task_definition_duplicate_container_port_rules() {
    let mappings = |m: &str| format!(r#", "portMappings": [{m}]"#);
    // Distinct ports, or the same port in different containers, are fine.
    check_td(
        &ec2(
            &mappings(
                r#"{"containerPort": 80}, {"containerPort": 81, "protocol": "tcp"}, {"containerPort": 53, "protocol": "udp"}, {"containerPort": 8080, "hostPort": 0}"#,
            ),
            "",
        ),
        expect![[""]],
    );
    check_td(
        r#"{"family": "web", "containerDefinitions": [
            {"name": "app", "image": "nginx", "memory": 256, "portMappings": [{"containerPort": 80}]},
            {"name": "side", "image": "nginx", "memory": 256, "portMappings": [{"containerPort": 80}]}]}"#,
        expect![[""]],
    );
    // Same protocol (default tcp and explicit tcp); a third copy also names the first mapping.
    check_td(
        &ec2(
            &mappings(
                r#"{"containerPort": 80}, {"containerPort": 80, "protocol": "tcp", "hostPort": 0}, {"containerPort": 443}, {"containerPort": 80}"#,
            ),
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings[1].containerPort @1:134: Invalid 'containerPort' setting for container 'app'. The containerPort 80 (tcp) is already mapped by portMappings[0].
            error containerDefinitions[0].portMappings[3].containerPort @1:215: Invalid 'containerPort' setting for container 'app'. The containerPort 80 (tcp) is already mapped by portMappings[0].
        "#]],
    );
    // Different protocols.
    check_td(
        &fargate(
            &mappings(
                r#"{"containerPort": 53, "protocol": "tcp"}, {"containerPort": 53, "protocol": "udp"}"#,
            ),
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].portMappings[1].containerPort @2:132: Invalid 'containerPort' setting for container 'app'. The containerPort 53 (udp) is already mapped for tcp by portMappings[0]; one containerPort cannot be exposed for two protocols.
        "#]],
    );
}

#[test]
fn task_definition_dependency_and_health_rules() {
    let two = |first: &str, second: &str| {
        format!(
            r#"{{"family": "web", "containerDefinitions": [
                {{"name": "app", "image": "nginx", "memory": 256{first}}},
                {{"name": "init", "image": "busybox", "memory": 64{second}}}]}}"#
        )
    };
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]"#,
            "",
        ),
        expect![[r#"
        error containerDefinitions[0].dependsOn[0].condition @2:106: A dependency container with SUCCESS or COMPLETE condition cannot be an essential container
    "#]],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]"#,
            r#", "essential": false"#,
        ),
        expect![""],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "HEALTHY"}]"#,
            "",
        ),
        expect![[r#"
        error containerDefinitions[0].dependsOn[0].condition @2:106: Dependency container 'init' with HEALTHY condition must have a health check.
    "#]],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "HEALTHY"}]"#,
            r#", "healthCheck": {"command": ["CMD", "true"]}"#,
        ),
        expect![""],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "HEALTHY"}]"#,
            r#", "healthCheck": {"command": ["NONE"]}"#,
        ),
        expect![[r#"
            warning containerDefinitions[0].dependsOn[0].condition @2:106: Dependency container 'init' with HEALTHY condition has its health check turned off (NONE).
        "#]],
    );
    // An empty command falls back to the image's HEALTHCHECK, which the task cannot see.
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "HEALTHY"}]"#,
            r#", "healthCheck": {"command": []}"#,
        ),
        expect![[r#"
            warning containerDefinitions[1].healthCheck.command @3:84: healthCheck.command for container 'init' does not start with CMD or CMD-SHELL.
            warning containerDefinitions[0].dependsOn[0].condition @2:106: Dependency container 'init' with HEALTHY condition has an empty health check command.
        "#]],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "db", "condition": "START"}, {"condition": "START"}]"#,
            "",
        ),
        expect![[r#"
        error containerDefinitions[0].dependsOn[1] @2:127: Missing required parameter in containerDefinitions[0].dependsOn[1]: "containerName"
        error containerDefinitions[0].dependsOn[0].containerName @2:81: Cannot depend on container + 'db' because it does not exist
    "#]],
    );
    check_td(
        &two(r#", "essential": false"#, r#", "essential": false"#),
        expect![[r#"
        error containerDefinitions @1:19: Task definition doesn't have any essential container.
    "#]],
    );
    check_td(
        &two(
            "",
            r#", "healthCheck": {"command": ["curl"], "interval": 1, "timeout": 61, "retries": 0, "startPeriod": 301}"#,
        ),
        expect![[r#"
        warning containerDefinitions[1].healthCheck.command @3:84: healthCheck.command for container 'init' does not start with CMD or CMD-SHELL.
        error containerDefinitions[1].healthCheck.interval @3:105: Invalid 'healthCheck.interval' setting for container 'init'.
        error containerDefinitions[1].healthCheck.timeout @3:120: Invalid 'healthCheck.timeout' setting for container 'init'.
        error containerDefinitions[1].healthCheck.retries @3:135: Invalid 'healthCheck.retries' setting for container 'init'.
        error containerDefinitions[1].healthCheck.startPeriod @3:149: Invalid 'healthCheck.startPeriod' setting for container 'init'.
    "#]],
    );
    check_td(
        &two("", "").replace("\"init\"", "\"app\""),
        expect![[r#"
        error containerDefinitions[1].name @3:18: Container names must be unique within a Task Definition.
    "#]],
    );
}

#[test]
fn task_definition_dependency_condition_and_self_rules() {
    let two = |first: &str, second: &str| {
        format!(
            r#"{{"family": "web", "containerDefinitions": [
                {{"name": "app", "image": "nginx", "memory": 256{first}}},
                {{"name": "init", "image": "busybox", "memory": 64{second}}}]}}"#
        )
    };
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "READY"}, {"containerName": "init", "condition": "healthy"}]"#,
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].dependsOn[0].condition @2:106: Value 'READY' at 'containerDefinitions[0].dependsOn[0].condition' failed to satisfy constraint: Member must satisfy enum value set: [START, COMPLETE, SUCCESS, HEALTHY]
            error containerDefinitions[0].dependsOn[1].condition @2:155: Value 'healthy' at 'containerDefinitions[0].dependsOn[1].condition' failed to satisfy constraint: Member must satisfy enum value set: [START, COMPLETE, SUCCESS, HEALTHY]
        "#]],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "COMPLETE"}, {"containerName": "init", "condition": "START"}]"#,
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].dependsOn[0].condition @2:106: A dependency container with SUCCESS or COMPLETE condition cannot be an essential container
        "#]],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "init", "condition": "COMPLETE"}]"#,
            r#", "essential": false"#,
        ),
        expect![""],
    );
    check_td(
        &two(
            r#", "dependsOn": [{"containerName": "app", "condition": "SUCCESS"}]"#,
            "",
        ),
        expect![[r#"
            error containerDefinitions[0].dependsOn[0].containerName @2:81: Container 'app' cannot depend on itself.
        "#]],
    );
}

#[test]
fn task_definition_dependency_cycles() {
    // Containers named by the keys, each depending on the listed containers with START.
    let task = |containers: &[(&str, &[&str])]| {
        let definitions: Vec<String> = containers
            .iter()
            .map(|(name, targets)| {
                let depends: Vec<String> = targets
                    .iter()
                    .map(|t| format!(r#"{{"containerName": "{t}", "condition": "START"}}"#))
                    .collect();
                format!(
                    r#"{{"name": "{name}", "image": "x", "memory": 64, "dependsOn": [{}]}}"#,
                    depends.join(", ")
                )
            })
            .collect();
        format!(
            r#"{{"family": "web", "containerDefinitions": [{}]}}"#,
            definitions.join(",\n")
        )
    };
    check_td(
        &task(&[("web", &["sidecar"]), ("sidecar", &["web"])]),
        expect![[r#"
            error containerDefinitions[1].dependsOn[0].containerName @2:64: dependsOn forms a cycle: web → sidecar → web
        "#]],
    );
    check_td(
        &task(&[
            ("web", &["sidecar"]),
            ("sidecar", &["db"]),
            ("db", &["web"]),
        ]),
        expect![[r#"
            error containerDefinitions[2].dependsOn[0].containerName @3:59: dependsOn forms a cycle: web → sidecar → db → web
        "#]],
    );
    check_td(
        &task(&[
            ("web", &["sidecar", "db"]),
            ("sidecar", &["db"]),
            ("db", &[]),
        ]),
        expect![""],
    );
    check_td(
        &task(&[
            ("a", &["b"]),
            ("b", &["a"]),
            ("c", &["d"]),
            ("d", &["c", "e"]),
            ("e", &[]),
        ]),
        expect![[r#"
            error containerDefinitions[1].dependsOn[0].containerName @2:58: dependsOn forms a cycle: a → b → a
            error containerDefinitions[3].dependsOn[0].containerName @4:58: dependsOn forms a cycle: c → d → c
        "#]],
    );
    check_td(
        &task(&[
            ("a", &["b"]),
            ("b", &["c"]),
            ("c", &["a", "d"]),
            ("d", &["b"]),
        ]),
        expect![[r#"
            error containerDefinitions[2].dependsOn[0].containerName @3:58: dependsOn forms a cycle: a → b → c → a
            error containerDefinitions[3].dependsOn[0].containerName @4:58: dependsOn forms a cycle: b → c → d → b
        "#]],
    );
    check_td(
        &task(&[("web", &["web", "ghost"]), ("ghost2", &[])]),
        expect![[r#"
            error containerDefinitions[0].dependsOn[0].containerName @1:103: Container 'web' cannot depend on itself.
            error containerDefinitions[0].dependsOn[1].containerName @1:151: Cannot depend on container + 'ghost' because it does not exist
        "#]],
    );
}

#[test]
fn task_definition_volume_and_proxy_rules() {
    check_td(
        &ec2(
            r#", "mountPoints": [{"sourceVolume": "data", "containerPath": "/d"}]"#,
            r#", "volumes": [{"name": "logs"}]"#,
        ),
        expect![[r#"
        error containerDefinitions[0].mountPoints[0].sourceVolume @1:110: Invalid 'mountPoints' setting for container 'app'. sourceVolume 'data' does not match any volume name.
    "#]],
    );
    check_td(
        &fargate(
            "",
            r#", "proxyConfiguration": {"type": "APPMESH", "containerName": "envoy"}"#,
        ),
        expect![[r#"
        error proxyConfiguration.containerName @2:116: Invalid 'proxyConfiguration' setting. Container 'envoy' does not exist in the task definition.
    "#]],
    );
    check_td(
        &ec2(
            "",
            r#", "placementConstraints": [{"type": "distinctInstance"}, {"type": "memberOf"}]"#,
        ),
        expect![[r#"
        error placementConstraints[0].type @1:121: Value 'distinctInstance' at 'placementConstraints[0].type' failed to satisfy constraint: Member must satisfy enum value set: [memberOf]
        error placementConstraints[0].expression @1:120: A memberOf placement constraint requires an expression.
        error placementConstraints[1].expression @1:150: A memberOf placement constraint requires an expression.
    "#]],
    );
}

#[test]
fn describe_wrapper_paths_are_prefixed() {
    let text = format!(
        r#"{{"taskDefinition": {}, "ResponseMetadata": {{}}}}"#,
        ec2(r#", "memoryReservation": 512"#, r#", "revision": 3"#)
    );
    check_td(
        &text,
        expect![[r#"
        error taskDefinition.containerDefinitions[0].memoryReservation @1:112: Invalid setting for container 'app'. 'memory' must be greater than 'memoryReservation'.
    "#]],
    );
    check_td(
        &ec2("", r#", "revision": 3"#),
        expect![[r#"
        warning revision @1:95: Unknown parameter in input: "revision"
    "#]],
    );
}

// ---------------------------------------------------------------------------------------------
// Services and RunTask

fn check_service(input: &str, expect: Expect) {
    let (_, diagnostics) = check_create_service(input);
    expect.assert_eq(&render(&diagnostics));
}

fn service(members: &str) -> String {
    format!(r#"{{"serviceName": "web", "taskDefinition": "web:1", "desiredCount": 2{members}}}"#)
}

#[test]
fn service_identity_rules() {
    check_service(&service(""), expect![""]);
    check_service(
        &service("").replace("\"web\"", "\"web service\""),
        expect![[r#"
        error serviceName @1:2: Service name contains invalid characters.
    "#]],
    );
    check_service(
        r#"{"desiredCount": 1}"#,
        expect![[r#"
        warning serviceName @1:1: Missing required parameter in input: "serviceName"
        warning taskDefinition @1:1: Missing required parameter in input: "taskDefinition"
    "#]],
    );
    check_service(
        r#"{"serviceName": "web", "taskDefinition": "web"}"#,
        expect![[r#"
        error desiredCount @1:1: The desired count is required for services using the REPLICA scheduling strategy.
    "#]],
    );
    check_service(
        &service(r#", "desiredCount": -1, "launchType": "SPOT""#).replacen(
            r#", "desiredCount": 2"#,
            "",
            1,
        ),
        expect![[r#"
        error launchType @1:71: Value 'SPOT' at 'launchType' failed to satisfy constraint: Member must satisfy enum value set: [EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES]
        error desiredCount @1:51: Invalid parameter: desiredCount must be greater than or equal to 0.
    "#]],
    );
}

#[test]
fn service_launch_and_capacity_rules() {
    check_service(
        &service(
            r#", "launchType": "EC2", "capacityProviderStrategy": [{"capacityProvider": "a", "weight": 1}]"#,
        ),
        expect![[r#"
        error capacityProviderStrategy @1:91: Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.
    "#]],
    );
    let strategy = r#", "capacityProviderStrategy": [
        {"capacityProvider": "a", "base": 1, "weight": 0},
        {"capacityProvider": "b", "base": 2, "weight": 0},
        {"capacityProvider": "a", "base": -1, "weight": 1001},
        {"capacityProvider": "FARGATE"}]"#;
    check_service(
        &service(strategy),
        expect![[r#"
        error capacityProviderStrategy[2].capacityProvider @4:10: The capacity provider 'a' appears more than once in the strategy.
        error capacityProviderStrategy[2].weight @4:47: Invalid parameter: weight must be between 0 and 1000.
        error capacityProviderStrategy[2].base @4:35: Invalid parameter: base must be between 0 and 100000.
        error capacityProviderStrategy @1:70: Only one capacity provider in a strategy can have a base defined.
        error capacityProviderStrategy @1:70: A capacity provider strategy cannot contain both Fargate and Auto Scaling group capacity providers.
    "#]],
    );
    check_service(
        &service(r#", "capacityProviderStrategy": [{"capacityProvider": "a"}]"#),
        expect![[r#"
        error capacityProviderStrategy @1:70: At least one capacity provider in the strategy must have a weight greater than zero.
    "#]],
    );
    let many: Vec<String> = (0..21)
        .map(|i| format!(r#"{{"capacityProvider": "p{i}", "weight": 1}}"#))
        .collect();
    check_service(
        &service(&format!(
            r#", "capacityProviderStrategy": [{}]"#,
            many.join(",")
        )),
        expect![[r#"
        error capacityProviderStrategy @1:70: Too many capacity providers in the strategy. The maximum is 20.
    "#]],
    );
}

#[test]
fn service_daemon_rules() {
    let daemon = r#", "schedulingStrategy": "DAEMON", "placementStrategy": [{"type": "random"}], "deploymentConfiguration": {"maximumPercent": 200}, "deploymentController": {"type": "CODE_DEPLOY"}"#;
    check_service(
        &service(daemon),
        expect![[r#"
        error placementStrategy @1:102: Placement strategies are not supported with the DAEMON scheduling strategy.
        error deploymentController.type @1:222: The DAEMON scheduling strategy is not supported with the CODE_DEPLOY deployment controller.
        error deploymentConfiguration.maximumPercent @1:173: The maximumPercent for a service using the DAEMON scheduling strategy must be 100.
    "#]],
    );
    check_service(
        r#"{"serviceName": "agent", "taskDefinition": "agent", "schedulingStrategy": "DAEMON", "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}"#,
        expect![[r#"
        error schedulingStrategy @1:53: The DAEMON scheduling strategy is not supported with the FARGATE launch type.
    "#]],
    );
}

#[test]
fn service_availability_zone_rebalancing() {
    check_service(
        &service(r#", "availabilityZoneRebalancing": "DISABLED""#),
        expect![""],
    );
    check_service(
        &service(r#", "availabilityZoneRebalancing": "SOMETIMES""#),
        expect![[r#"
            error availabilityZoneRebalancing @1:70: availabilityZoneRebalancing must be ENABLED or DISABLED.
        "#]],
    );
}

#[test]
fn service_placement_rules() {
    let placement = r#", "placementConstraints": [{"type": "distinctInstance", "expression": "x"}, {"type": "memberOf"}, {"expression": "runningTasksCount == 1"}],
        "placementStrategy": [{"type": "binpack", "field": "disk"}, {"type": "spread"}, {"type": "spread", "field": "attribute:"}, {"type": "random"}, {"field": "cpu"}]"#;
    check_service(
        &service(placement),
        expect![[r#"
        error placementConstraints[0].expression @1:124: An expression is not supported with the distinctInstance placement constraint.
        error placementConstraints[1].expression @1:144: A memberOf placement constraint requires an expression.
        error placementConstraints[2].type @1:166: Placement constraint type must be specified.
        error placementStrategy[0].field @2:51: Invalid placement strategy field 'disk' for binpack. The field must be cpu or memory.
        error placementStrategy[1].field @2:69: Invalid placement strategy field '' for spread. The field must be instanceId, host or attribute:<name>.
        error placementStrategy[2].field @2:108: Invalid placement strategy field 'attribute:' for spread. The field must be instanceId, host or attribute:<name>.
        error placementStrategy[4].type @2:152: Placement strategy type must be specified.
    "#]],
    );
    let six: Vec<&str> = vec![r#"{"type": "random"}"#; 6];
    let eleven: Vec<&str> = vec![r#"{"type": "distinctInstance"}"#; 11];
    check_service(
        &service(&format!(
            r#", "placementStrategy": [{}], "placementConstraints": [{}]"#,
            six.join(","),
            eleven.join(",")
        )),
        expect![[r#"
        error placementConstraints @1:208: Too many placement constraints. The maximum is 10.
        error placementStrategy @1:70: Too many placement strategies. The maximum is 5.
    "#]],
    );
    check_service(
        &service(&format!(
            r#", "placementConstraints": [{{"type": "memberOf", "expression": "{}"}}]"#,
            "a".repeat(2001)
        )),
        expect![[r#"
        error placementConstraints[0].expression @1:116: Placement constraint expression is too long. The maximum length is 2000 characters.
    "#]],
    );
    check_service(
        &service(
            r#", "launchType": "FARGATE", "placementStrategy": [{"type": "random"}], "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}"#,
        ),
        expect![[r#"
        error placementStrategy @1:95: Placement strategies are not supported with FARGATE launch type.
    "#]],
    );
}

#[test]
fn service_deployment_and_network_rules() {
    check_service(
        &service(
            r#", "deploymentConfiguration": {"minimumHealthyPercent": 101, "maximumPercent": 99}"#,
        ),
        expect![[r#"
        error deploymentConfiguration.minimumHealthyPercent @1:98: Invalid parameter: minimumHealthyPercent must be between 0 and 100.
        error deploymentConfiguration.maximumPercent @1:128: Invalid parameter: maximumPercent must be greater than or equal to 100.
    "#]],
    );
    check_service(
        &service(
            r#", "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 100}"#,
        ),
        expect![[r#"
        warning deploymentConfiguration @1:70: Update the minimumHealthyPercent or maximumPercent value and try again.
    "#]],
    );
    check_service(
        &service(
            r#", "deploymentController": {"type": "EXTERNAL"}, "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true}}"#,
        ),
        expect![[r#"
        error deploymentConfiguration.deploymentCircuitBreaker @1:144: Missing required parameter in deploymentConfiguration.deploymentCircuitBreaker: "rollback"
        error deploymentConfiguration.deploymentCircuitBreaker @1:144: The deployment circuit breaker is only supported with the ECS deployment controller.
    "#]],
    );
    let subnets: Vec<String> = (0..17).map(|i| format!("\"subnet-{i}\"")).collect();
    check_service(
        &service(&format!(
            r#", "launchType": "FARGATE", "networkConfiguration": {{"awsvpcConfiguration": {{"subnets": [{}], "securityGroups": ["sg-1","sg-2","sg-3","sg-4","sg-5","default"], "assignPublicIp": "YES"}}}}"#,
            subnets.join(",")
        )),
        expect![[r#"
        error networkConfiguration.awsvpcConfiguration.assignPublicIp @1:418: Value 'YES' at 'networkConfiguration.awsvpcConfiguration.assignPublicIp' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]
        error networkConfiguration.awsvpcConfiguration.subnets @1:144: Invalid parameter: at most 16 subnets can be specified in awsvpcConfiguration.
        error networkConfiguration.awsvpcConfiguration.securityGroups @1:352: Invalid parameter: at most 5 securityGroups can be specified in awsvpcConfiguration.
        warning networkConfiguration.awsvpcConfiguration.securityGroups[5] @1:406: 'default' does not look like an ID starting with 'sg-'.
    "#]],
    );
    check_service(
        &service(r#", "launchType": "FARGATE""#),
        expect![[r#"
        error networkConfiguration @1:1: Network Configuration must be provided when networkMode 'awsvpc' is specified.
    "#]],
    );
}

fn check_run(input: &str, expect: Expect) {
    let (_, diagnostics) = check_run_task(input);
    expect.assert_eq(&render(&diagnostics));
}

#[test]
fn run_task_rules() {
    check_run(r#"{"taskDefinition": "web", "count": 10}"#, expect![""]);
    check_run(
        r#"{"count": 11, "propagateTags": "SERVICE", "startedBy": "me and you", "launchType": "EC2", "capacityProviderStrategy": [{"capacityProvider": "a", "weight": 1}]}"#,
        expect![[r#"
        error  @1:1: Missing required parameter in input: "taskDefinition"
        error count @1:2: Invalid parameter: count must be between 1 and 10.
        error capacityProviderStrategy @1:91: Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.
        error propagateTags @1:15: Invalid parameter: propagateTags SERVICE is not supported for RunTask.
        error startedBy @1:43: Invalid parameter: startedBy can have at most 128 letters, numbers, hyphens, forward slashes and underscores.
    "#]],
    );
    check_run(
        r#"{"taskDefinition": "web", "count": 0}"#,
        expect![[r#"
        error count @1:27: Invalid parameter: count must be between 1 and 10.
    "#]],
    );
}

// ---------------------------------------------------------------------------------------------
// Positions, catalogue, demand

#[test]
fn locate_paths() {
    let text = "{\n  \"a\": [1, {\"b\": {\"c\": 2}}],\n  \"d\": \"\\\"x\"\n}";
    assert_eq!(locate(text, ""), Some((1, 1)));
    assert_eq!(locate(text, "a"), Some((2, 3)));
    assert_eq!(locate(text, "a[0]"), Some((2, 9)));
    assert_eq!(locate(text, "a[1].b.c"), Some((2, 19)));
    assert_eq!(locate(text, "d"), Some((3, 3)));
    assert_eq!(locate(text, "a[2]"), None);
    assert_eq!(locate(text, "e"), None);
    assert_eq!(locate("not json", "a"), None);
    assert_eq!(locate("{\"é\": {\"x\": 1}}", "é.x"), Some((1, 8)));
}

#[test]
fn catalogue_and_instance_builder() {
    let catalog = ecs_model::InstanceCatalog::builtin();
    assert_eq!(catalog.len(), 171);
    let c5 = catalog.get("c5.large").expect("c5.large");
    expect![[r#"InstanceType { instance_type: "c5.large", v_cpu: 2, memory_mib: 4096, max_eni: 3, ipv4_per_eni: 10, arch: "x86_64", gpus: 0 } cpu=2048 memory=3973 eni_tasks=2"#]]
        .assert_eq(&format!("{c5:?} cpu={} memory={} eni_tasks={}", c5.registered_cpu(), c5.registered_memory(), c5.eni_task_limit()));
    assert!(catalog.get("x9.huge").is_none());

    let spec: ContainerInstanceSpec = serde_json::from_str(
        r#"{"instanceType": "g4dn.xlarge", "availabilityZone": "us-east-1a", "attributes": {"stack": "prod", "flag": null}}"#,
    )
    .expect("spec");
    let instance = container_instance_from_spec(
        &spec,
        "arn:aws:ecs:us-east-1:123456789012:container-instance/default/1",
        "i-1",
    )
    .expect("known type");
    let summary: Vec<String> = instance
        .registered_resources
        .iter()
        .flatten()
        .map(|r| {
            format!(
                "{} {:?} {:?}",
                r.name.as_deref().unwrap_or(""),
                r.integer_value,
                r.string_set_value
            )
        })
        .collect();
    expect![[r#"
        CPU Some(4096) None
        MEMORY Some(15892) None
        PORTS Some(0) Some(["22", "2375", "2376", "51678", "51679", "51680"])
        PORTS_UDP Some(0) Some([])
        GPU Some(0) Some(["GPU-i-1-0"])"#]]
    .assert_eq(&summary.join("\n"));
    let facts: Vec<String> = instance
        .attributes()
        .iter()
        .filter(|a| a.value.is_some() || !a.name.as_deref().unwrap_or("").contains("capability"))
        .map(|a| {
            format!(
                "{}={}",
                a.name.as_deref().unwrap_or(""),
                a.value.as_deref().unwrap_or("")
            )
        })
        .collect();
    expect!["ecs.availability-zone=us-east-1a ecs.instance-type=g4dn.xlarge ecs.os-type=linux ecs.os-family=LINUX ecs.cpu-architecture=x86_64 ecs.ami-id=ami-0a1b2c3d4e5f60001 ecs.vpc-id=vpc-0a1b2c3d ecs.subnet-id=subnet-8242ded2 flag= stack=prod"]
        .assert_eq(&facts.join(" "));
    assert_eq!(instance.eni_task_limit(), Some(2));
    assert_eq!(instance.remaining_resources, instance.registered_resources);
    let (_, diagnostics) =
        ecs_model::check_container_instance_value(&serde_json::to_value(&instance).expect("json"));
    assert!(diagnostics.is_empty(), "{}", render(&diagnostics));

    let unknown = ContainerInstanceSpec {
        instance_type: "x9.huge".into(),
        ..ContainerInstanceSpec::default()
    };
    assert!(container_instance_from_spec(&unknown, "a", "i").is_err());
}

fn check_demand(input: &str, expect: Expect) {
    let (td, diagnostics) = check_task_definition(input);
    assert!(
        !ecs_model::has_errors(&diagnostics),
        "{}",
        render(&diagnostics)
    );
    let demand = td.expect("typed").resource_demand();
    expect.assert_eq(&format!("{demand:?}"));
}

#[test]
fn resource_demand() {
    check_demand(
        r#"{"family": "web", "containerDefinitions": [
            {"name": "a", "image": "x", "cpu": 100, "memory": 512, "memoryReservation": 256,
             "portMappings": [{"containerPort": 80, "hostPort": 8080}, {"containerPort": 53, "hostPort": 53, "protocol": "udp"}, {"containerPort": 81}],
             "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "r"}}},
            {"name": "b", "image": "x", "memory": 128, "resourceRequirements": [{"type": "GPU", "value": "2"}], "portMappings": [{"containerPort": 9000, "hostPort": 0}]}]}"#,
        expect![[
            r#"TaskDemand { cpu: 100, memory: 384, gpu: 2, all_gpus: false, tcp_host_ports: [8080], udp_host_ports: [53], dynamic_port_count: 2, uses_eni: false, network_mode: Bridge, os_family: Linux, cpu_architecture: X86_64, required_attributes: ["com.amazonaws.ecs.capability.logging-driver.awslogs"] }"#
        ]],
    );
    check_demand(
        r#"{"family": "web", "networkMode": "host", "cpu": "1 vCPU", "memory": "2 GB", "taskRoleArn": "arn:aws:iam::1:role/r",
            "containerDefinitions": [{"name": "a", "image": "x", "portMappings": [{"containerPort": 80}]}]}"#,
        expect![[
            r#"TaskDemand { cpu: 1024, memory: 2048, gpu: 0, all_gpus: false, tcp_host_ports: [80], udp_host_ports: [], dynamic_port_count: 0, uses_eni: false, network_mode: Host, os_family: Linux, cpu_architecture: X86_64, required_attributes: ["com.amazonaws.ecs.capability.task-iam-role", "com.amazonaws.ecs.capability.task-iam-role-network-host"] }"#
        ]],
    );
    check_demand(
        r#"{"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["EC2"], "cpu": "256", "memory": "512", "runtimePlatform": {"cpuArchitecture": "ARM64"},
            "containerDefinitions": [{"name": "a", "image": "x", "portMappings": [{"containerPort": 80}]}]}"#,
        expect![[
            r#"TaskDemand { cpu: 256, memory: 512, gpu: 0, all_gpus: false, tcp_host_ports: [], udp_host_ports: [], dynamic_port_count: 0, uses_eni: true, network_mode: Awsvpc, os_family: Linux, cpu_architecture: Arm64, required_attributes: ["ecs.capability.task-eni"] }"#
        ]],
    );
    // A containerPortRange takes one dynamic host port per container port.
    check_demand(
        r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "x", "memory": 128,
            "portMappings": [{"containerPortRange": "8000-8099"}, {"containerPort": 81}]}]}"#,
        expect![
            "TaskDemand { cpu: 0, memory: 128, gpu: 0, all_gpus: false, tcp_host_ports: [], udp_host_ports: [], dynamic_port_count: 101, uses_eni: false, network_mode: Bridge, os_family: Linux, cpu_architecture: X86_64, required_attributes: [] }"
        ],
    );
    // GPU ALL is a flag beside the counted GPUs: the instance decides how many it takes.
    check_demand(
        r#"{"family": "ml", "containerDefinitions": [
            {"name": "a", "image": "x", "memory": 128, "resourceRequirements": [{"type": "GPU", "value": "ALL"}]},
            {"name": "b", "image": "x", "memory": 128, "resourceRequirements": [{"type": "GPU", "value": "1"}]}]}"#,
        expect![[
            r#"TaskDemand { cpu: 0, memory: 256, gpu: 1, all_gpus: true, tcp_host_ports: [], udp_host_ports: [], dynamic_port_count: 0, uses_eni: false, network_mode: Bridge, os_family: Linux, cpu_architecture: X86_64, required_attributes: [] }"#
        ]],
    );
}

#[test]
fn resource_demand_of_windows_sums_containers() {
    // The API: "Task-level CPU and memory parameters are ignored for Windows containers", so on
    // EC2 the containers' values are what the task reserves.
    let windows = |compatibilities: &str, network: &str| {
        format!(
            r#"{{"family": "iis", "cpu": "2048", "memory": "4096"{compatibilities}{network},
                "runtimePlatform": {{"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}},
                "containerDefinitions": [
                    {{"name": "a", "image": "x", "cpu": 512, "memory": 1024}},
                    {{"name": "b", "image": "x", "cpu": 256, "memory": 512, "memoryReservation": 256}}]}}"#
        )
    };
    let summary = |input: &str| {
        let (td, _) = check_task_definition(input);
        let demand = td.expect("typed").resource_demand();
        format!("cpu {} memory {}", demand.cpu, demand.memory)
    };
    expect!["cpu 768 memory 1280"].assert_eq(&summary(&windows("", "")));
    expect!["cpu 768 memory 1280"].assert_eq(&summary(&windows(
        r#", "requiresCompatibilities": ["EC2", "FARGATE"]"#,
        r#", "networkMode": "awsvpc""#,
    )));
    expect!["cpu 2048 memory 4096"].assert_eq(&summary(&windows(
        r#", "requiresCompatibilities": ["FARGATE"]"#,
        r#", "networkMode": "awsvpc""#,
    )));
    // Linux keeps the task-level size.
    expect!["cpu 2048 memory 4096"].assert_eq(&summary(
        &windows("", "").replace("WINDOWS_SERVER_2019_CORE", "LINUX"),
    ));
}

#[test]
fn required_attributes_are_advertised_by_default() {
    let defaults = ecs_model::default_capabilities();
    for driver in ecs_model::LogDriver::ALL {
        assert!(defaults.contains(&format!(
            "com.amazonaws.ecs.capability.logging-driver.{}",
            driver.as_str()
        )));
    }
    assert!(defaults.iter().any(|n| n == "ecs.capability.task-eni"));
}

#[test]
fn enums_spell_as_the_api() {
    assert_eq!(ecs_model::NetworkMode::Awsvpc.as_str(), "awsvpc");
    assert_eq!(
        ecs_model::PlacementStrategyType::Binpack.as_str(),
        "binpack"
    );
    assert_eq!(
        ecs_model::LaunchType::parse("MANAGED_INSTANCES"),
        Some(ecs_model::LaunchType::ManagedInstances)
    );
    assert_eq!(ecs_model::Severity::Warning.as_str(), "warning");
    assert_eq!(
        serde_json::to_string(&ecs_model::OsFamily::WindowsServer20H2Core)
            .ok()
            .as_deref(),
        Some("\"WINDOWS_SERVER_20H2_CORE\"")
    );
}

// ---------------------------------------------------------------------------------------------
// Unknown parameters (botocore's client-side check)

#[test]
fn unknown_parameters_are_rejected_at_every_depth() {
    // A misspelt member of the task definition, of a container, and of a nested structure.
    check_td(
        &ec2(
            r#", "cpus": 256, "portMappings": [{"containerPort": 80, "hostport": 0}]"#,
            r#", "memroy": "512""#,
        ),
        expect![[r#"
            error containerDefinitions[0].cpus @1:93: Unknown parameter in containerDefinitions[0]: "cpus", must be one of: name, image, repositoryCredentials, cpu, memory, memoryReservation, links, portMappings, essential, restartPolicy, entryPoint, command, environment, environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, versionConsistency, hostname, user, workingDirectory, disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck, systemControls, resourceRequirements, firelensConfiguration, credentialSpecs
            error containerDefinitions[0].portMappings[0].hostport @1:145: Unknown parameter in containerDefinitions[0].portMappings[0]: "hostport", must be one of: containerPort, hostPort, protocol, name, appProtocol, containerPortRange
            error memroy @1:164: Unknown parameter in input: "memroy", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities, cpu, memory, tags, pidMode, ipcMode, proxyConfiguration, inferenceAccelerators, ephemeralStorage, runtimePlatform, enableFaultInjection
        "#]],
    );
    // Members of maps (dockerLabels) are the user's own; read-only DescribeTaskDefinition members
    // keep their warning.
    check_td(
        &ec2(
            r#", "dockerLabels": {"anything": "goes"}"#,
            r#", "revision": 3"#,
        ),
        expect![[r#"
            warning revision @1:133: Unknown parameter in input: "revision"
        "#]],
    );
    check_service(
        &service(
            r#", "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercnt": 50}"#,
        ),
        expect![[r#"
            error deploymentConfiguration.minimumHealthyPercnt @1:121: Unknown parameter in deploymentConfiguration: "minimumHealthyPercnt", must be one of: deploymentCircuitBreaker, maximumPercent, minimumHealthyPercent, alarms, strategy, bakeTimeInMinutes, lifecycleHooks, linearConfiguration, canaryConfiguration
        "#]],
    );
}

#[test]
fn unknown_parameters_suggest_the_member_meant() {
    let (_, diagnostics) = check_task_definition(&ec2("", r#", "Family": "x""#));
    let unknown: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.message.starts_with("Unknown parameter"))
        .map(|d| d.explanation.as_str())
        .collect();
    assert_eq!(
        unknown,
        [
            "Did you mean family? The AWS CLI and SDKs reject a request with a member its RegisterTaskDefinitionRequest does not have."
        ]
    );
}

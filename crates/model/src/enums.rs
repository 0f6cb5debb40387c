//! Enumerations of the ECS API, spelled exactly as in the API model.

macro_rules! api_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The API spellings, in API-model order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the exact API spelling.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

api_enum! {
    /// Docker networking mode of a task definition.
    NetworkMode { Bridge = "bridge", Host = "host", Awsvpc = "awsvpc", None = "none" }
}

api_enum! {
    /// Launch type a task definition is validated against (`requiresCompatibilities`).
    Compatibility { Ec2 = "EC2", Fargate = "FARGATE", External = "EXTERNAL", ManagedInstances = "MANAGED_INSTANCES" }
}

api_enum! {
    /// Infrastructure a task or service runs on.
    LaunchType { Ec2 = "EC2", Fargate = "FARGATE", External = "EXTERNAL", ManagedInstances = "MANAGED_INSTANCES" }
}

api_enum! {
    SchedulingStrategy { Replica = "REPLICA", Daemon = "DAEMON" }
}

api_enum! {
    PlacementStrategyType { Random = "random", Spread = "spread", Binpack = "binpack" }
}

api_enum! {
    PlacementConstraintType { DistinctInstance = "distinctInstance", MemberOf = "memberOf" }
}

api_enum! {
    /// Task definitions only allow `memberOf` constraints.
    TaskDefinitionPlacementConstraintType { MemberOf = "memberOf" }
}

api_enum! {
    TransportProtocol { Tcp = "tcp", Udp = "udp" }
}

api_enum! {
    ContainerCondition { Start = "START", Complete = "COMPLETE", Success = "SUCCESS", Healthy = "HEALTHY" }
}

api_enum! {
    CpuArchitecture { X86_64 = "X86_64", Arm64 = "ARM64" }
}

api_enum! {
    OsFamily {
        WindowsServer2019Full = "WINDOWS_SERVER_2019_FULL",
        WindowsServer2019Core = "WINDOWS_SERVER_2019_CORE",
        WindowsServer2016Full = "WINDOWS_SERVER_2016_FULL",
        WindowsServer2004Core = "WINDOWS_SERVER_2004_CORE",
        WindowsServer2022Core = "WINDOWS_SERVER_2022_CORE",
        WindowsServer2022Full = "WINDOWS_SERVER_2022_FULL",
        WindowsServer2025Core = "WINDOWS_SERVER_2025_CORE",
        WindowsServer2025Full = "WINDOWS_SERVER_2025_FULL",
        WindowsServer20H2Core = "WINDOWS_SERVER_20H2_CORE",
        Linux = "LINUX",
    }
}

impl OsFamily {
    pub fn is_windows(self) -> bool {
        self != OsFamily::Linux
    }
}

api_enum! {
    /// Special resources a container can ask for.
    ResourceType { Gpu = "GPU", InferenceAccelerator = "InferenceAccelerator", NeuronDevice = "NeuronDevice" }
}

api_enum! {
    LogDriver {
        JsonFile = "json-file",
        Syslog = "syslog",
        Journald = "journald",
        Gelf = "gelf",
        Fluentd = "fluentd",
        Awslogs = "awslogs",
        Splunk = "splunk",
        Awsfirelens = "awsfirelens",
    }
}

api_enum! {
    AssignPublicIp { Enabled = "ENABLED", Disabled = "DISABLED" }
}

api_enum! {
    PropagateTags { TaskDefinition = "TASK_DEFINITION", Service = "SERVICE", None = "NONE" }
}

api_enum! {
    DeploymentControllerType { Ecs = "ECS", CodeDeploy = "CODE_DEPLOY", External = "EXTERNAL" }
}

api_enum! {
    /// Container instance status. The API types the field as a string; `INACTIVE` is returned for
    /// deregistered instances although the API enum omits it.
    ContainerInstanceStatus {
        Active = "ACTIVE",
        Draining = "DRAINING",
        Registering = "REGISTERING",
        Deregistering = "DEREGISTERING",
        RegistrationFailed = "REGISTRATION_FAILED",
        Inactive = "INACTIVE",
    }
}

api_enum! {
    PidMode { Host = "host", Task = "task" }
}

api_enum! {
    IpcMode { Host = "host", Task = "task", None = "none" }
}

api_enum! {
    CapacityProviderStatus { Provisioning = "PROVISIONING", Active = "ACTIVE", Deprovisioning = "DEPROVISIONING", Inactive = "INACTIVE" }
}

api_enum! {
    /// `ENABLED`/`DISABLED` switches of managed scaling, termination protection and draining.
    EnabledDisabled { Enabled = "ENABLED", Disabled = "DISABLED" }
}

api_enum! {
    ScaleUnit { Percent = "PERCENT" }
}

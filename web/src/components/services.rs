//! The services at the shown step, as DescribeServices reports them: status, desired, running and
//! pending counts, and each deployment with its rollout state. Rolling updates, scaling and
//! deletion are read here step by step.

use ecs_sim::{DeploymentRecord, ServiceRecord};
use leptos::prelude::*;

use crate::Playground;

/// A deployment's rollout state as a CSS modifier: `completed`, `failed` or `in-progress`.
fn rollout_class(state: &str) -> &'static str {
    match state {
        "COMPLETED" => "completed",
        "FAILED" => "failed",
        _ => "in-progress",
    }
}

/// Every service of the run at the shown step, newest deployment first within each; nothing when
/// the run has no service.
#[component]
pub fn ServicesSummary() -> impl IntoView {
    let playground = Playground::use_context();
    let services = move || {
        playground
            .shown
            .with(|s| s.as_ref().map(|o| o.services.clone()).unwrap_or_default())
    };
    // A run of standalone tasks only has no section at all.
    move || {
        let list = services();
        (!list.is_empty()).then(|| {
            view! {
                <h3 class="panel__subtitle">"Services"</h3>
                <ul class="services" data-testid="services">
                    {list.into_iter().map(service_card).collect_view()}
                </ul>
            }
        })
    }
}

fn service_card(service: ServiceRecord) -> impl IntoView {
    let status_class = format!(
        "badge service__status service__status--{}",
        service.status.to_lowercase()
    );
    let counts = format!(
        "{} · desired {} · running {} · pending {}",
        service.scheduling_strategy,
        service.desired_count,
        service.running_count,
        service.pending_count
    );
    let (name, status) = (service.service_name, service.status);
    // The view macro builds the children before the attributes, so the attributes get copies.
    let (name_attr, status_attr) = (name.clone(), status.clone());
    view! {
        <li class="service" data-testid="service" data-service=name_attr data-status=status_attr>
            <div class="service__head">
                <span class="service__name">{name}</span>
                <span class=status_class>{status}</span>
            </div>
            <p class="service__counts" data-testid="service-counts">{counts}</p>
            <ul class="deployments">
                {service.deployments.into_iter().map(deployment_row).collect_view()}
            </ul>
        </li>
    }
}

fn deployment_row(deployment: DeploymentRecord) -> impl IntoView {
    let rollout = format!(
        "rollout rollout--{}",
        rollout_class(&deployment.rollout_state)
    );
    let tasks = format!(
        "desired {} · running {} · pending {}",
        deployment.desired_count, deployment.running_count, deployment.pending_count
    );
    let title = format!("{}: {}", deployment.id, deployment.rollout_state_reason);
    let (status, rollout_state) = (deployment.status, deployment.rollout_state);
    let (status_attr, rollout_attr) = (status.clone(), rollout_state.clone());
    view! {
        <li
            class="deployment"
            data-testid="deployment"
            data-status=status_attr
            data-rollout=rollout_attr
            title=title
        >
            <span class="deployment__status">{status}</span>
            <span class="deployment__definition">{deployment.task_definition}</span>
            <span class="deployment__tasks">{tasks}</span>
            <span class=rollout>{rollout_state}</span>
        </li>
    }
}

fn main() {
    ecs_playground_web::install_crash_overlay();
    leptos::mount::mount_to_body(ecs_playground_web::Root);
}

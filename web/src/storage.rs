//! The browser's localStorage, used for the autosaved scenario and the theme. Every access
//! tolerates a missing, full or throwing storage: losing an autosave must never break the page.

const SCENARIO_KEY: &str = "ecs-playground.scenario";
const THEME_KEY: &str = "ecs-playground.theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_scenario() -> Option<String> {
    storage()?.get_item(SCENARIO_KEY).ok().flatten()
}

/// Saves the scenario; returns false when the browser refused (quota, privacy mode).
pub fn save_scenario(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(SCENARIO_KEY, text).is_ok())
}

pub fn load_theme() -> Option<String> {
    storage()?.get_item(THEME_KEY).ok().flatten()
}

pub fn save_theme(theme: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(THEME_KEY, theme);
    }
}

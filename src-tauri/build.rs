include!("commands/list.rs");

/// The names of the listed commands (`domain::name` → "name").
macro_rules! names {
    ($($domain:ident :: $name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = app_commands!(names);

/// The main window's capability: core events, the open-file dialog and every listed
/// command, nothing else. Written from the list, so that it cannot fall behind it.
fn capability() -> String {
    let mut permissions = vec!["core:default".to_string()];
    permissions.extend(COMMANDS.iter().map(|name| format!("allow-{}", name.replace('_', "-"))));
    permissions.push("dialog:allow-open".to_string());
    let list: Vec<String> = permissions.iter().map(|p| format!("    \"{p}\"")).collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"default\",\n  \
         \"description\": \"What the main window may do: Dossier's own commands, core events and the open-file \
         dialog, nothing else.\",\n  \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        list.join(",\n")
    )
}

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/commands/list.rs");
    let file = std::path::Path::new("capabilities/default.json");
    let wanted = capability();
    if std::fs::read_to_string(file).ok().as_deref() != Some(wanted.as_str()) {
        std::fs::write(file, wanted).expect("cannot write capabilities/default.json");
    }
    // Declaring the commands makes every one of them go through the capability system:
    // a window may call a command only if a capability grants `allow-<command>`.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}

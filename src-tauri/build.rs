include!("command_names.rs");

fn main() {
    // Declaring the commands makes every one of them go through the capability system:
    // a window may call a command only if a capability grants `allow-<command>`.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}

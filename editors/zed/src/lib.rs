//! Zed extension: start `seolint server` (found on `PATH`) for Markdown documents. Settings
//! under `lsp.seolint.initialization_options` in Zed's settings reach the server as its
//! `initializationOptions` (`keyword`, `template`).

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct Seolint;

impl zed::Extension for Seolint {
    fn new() -> Self {
        Seolint
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let command = worktree
            .which("seolint")
            .ok_or_else(|| "seolint is not on PATH (cargo install --path . in seolint's checkout)".to_string())?;
        Ok(zed::Command {
            command,
            args: vec!["server".to_string()],
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.initialization_options))
    }
}

zed::register_extension!(Seolint);

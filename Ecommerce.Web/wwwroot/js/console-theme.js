// The consoles' light/dark choice, remembered per browser. Loaded as a module by ConsoleLayout (no inline script).
const key = "console-theme";

export function saved() {
    try { return localStorage.getItem(key); } catch { return null; }
}

export function save(theme) {
    try { localStorage.setItem(key, theme); } catch { /* private mode: the choice lasts this page only */ }
}

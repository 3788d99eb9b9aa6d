// The consoles' light/dark choice, remembered per browser, and the screen's width class. Loaded as a module by
// ConsoleLayout (no inline script).
const key = "console-theme";

// The saved choice, or else the system's preference: "dark" or "light".
export function wanted() {
    let saved = null;
    try { saved = localStorage.getItem(key); } catch { /* private mode */ }
    return saved ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

// Shows the theme: ConsoleThemeStylesheet scopes the dark palette under this attribute.
export function apply(theme) {
    document.documentElement.setAttribute("data-console-theme", theme);
}

export function save(theme) {
    try { localStorage.setItem(key, theme); } catch { /* private mode: the choice lasts this page only */ }
}

// Below MudBlazor's md breakpoint the drawer covers the page and starts closed (console.css draws it so before this is asked).
export function narrow() {
    return matchMedia("(max-width: 959.98px)").matches;
}

// The shop builder's browser side, loaded as a module (no inline script). The server does the reordering; this
// only does what must happen in the browser at once.

const handleKeys = new Set(["ArrowUp", "ArrowDown", "Home", "End"]);

export function sectionList(list) {
    list.addEventListener("dragstart", e => {
        if (!e.target.closest?.(".section-handle")) return;
        // Firefox starts a drag only when it carries data.
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", "");
    });
    // The arrow keys on a section's handle move the section (on the server); they must not scroll the page too.
    list.addEventListener("keydown", e => {
        if (handleKeys.has(e.key) && e.target.closest?.(".section-handle")) e.preventDefault();
    });
}

// Shows the preview page (1200 px or 390 px wide) scaled down to the width of its column.
export function fitPreview(viewport, frame) {
    const fit = () => {
        const scale = Math.min(1, viewport.clientWidth / frame.offsetWidth);
        frame.style.transform = `scale(${scale})`;
        viewport.style.height = `${Math.ceil(frame.offsetHeight * scale)}px`;
        viewport.dataset.scale = scale.toFixed(3);
    };
    const observer = new ResizeObserver(fit);
    observer.observe(viewport);
    observer.observe(frame);
    fit();
    return { dispose: () => observer.disconnect() };
}

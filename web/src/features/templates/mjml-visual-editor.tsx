'use client';

import 'grapesjs/dist/css/grapes.min.css';
import grapesjs, { type Editor, type ProjectData } from 'grapesjs';
import grapesJsMjml from 'grapesjs-mjml';
import grapesFr from 'grapesjs/locale/fr';
import { useLocale } from 'next-intl';
import { useEffect, useRef } from 'react';

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

/**
 * GrapesJS draws its panel buttons with Font Awesome classes, a font we do not load (no CDN):
 * the same buttons get inline icons (Lucide's shapes) instead, keyed by their Font Awesome name.
 */
const ICONS: Record<string, string> = {
  'fa-paint-brush': svg('<path d="m9.06 11.9 8.07-8.06a2.85 2.85 0 1 1 4.03 4.03l-8.06 8.08"/><path d="M7.07 14.94c-1.66 0-3 1.35-3 3.02 0 1.33-2.5 1.52-2 2.02 1.08 1.1 2.49 2.02 4 2.02 2.2 0 4-1.8 4-4.04a3.01 3.01 0 0 0-3-3.02z"/>'),
  'fa-cog': svg('<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1 7 17M17 7l2.1-2.1"/>'),
  'fa-bars': svg('<path d="M4 6h16M4 12h16M4 18h16"/>'),
  'fa-th-large': svg('<rect x="3" y="3" width="7" height="7" rx="1"/><rect x="14" y="3" width="7" height="7" rx="1"/><rect x="3" y="14" width="7" height="7" rx="1"/><rect x="14" y="14" width="7" height="7" rx="1"/>'),
  'fa-square-o': svg('<rect x="3" y="3" width="18" height="18" rx="2" stroke-dasharray="4 3"/>'),
  'fa-eye': svg('<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>'),
  'fa-arrows-alt': svg('<path d="M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7"/>'),
  'fa-code': svg('<path d="m16 18 6-6-6-6M8 6l-6 6 6 6"/>'),
};

function replaceFontIcons(editor: Editor): void {
  for (const button of editor.Panels.getPanels().models.flatMap((p) => p.buttons.models)) {
    const className = String(button.get('className') ?? '');
    const icon = Object.entries(ICONS).find(([fa]) => className.split(/\s+/).includes(fa))?.[1];
    if (icon) button.set({ className: '', label: icon });
  }
}

export interface VisualEditorChange {
  mjml: string;
  project: ProjectData;
}

/**
 * GrapesJS with its MJML plugin (the drag-and-drop builder Mautic uses): it edits MJML, so what
 * it saves is what the code view shows and what the API compiles. Loaded in the browser only.
 * Starts from the saved project when there is one (it keeps the editor's own state), else from
 * the MJML; reports every change.
 */
export default function MjmlVisualEditor({ mjml, project, onChange, label }: { mjml: string; project: ProjectData | null; onChange: (c: VisualEditorChange) => void; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const locale = useLocale();

  useEffect(() => {
    if (!container.current) return;
    const editor = grapesjs.init({
      container: container.current,
      height: '640px',
      fromElement: false,
      storageManager: false,
      // No request to font or image CDNs from the editor: everything it needs is bundled.
      plugins: [grapesJsMjml],
      pluginsOpts: { [grapesJsMjml as unknown as string]: { fonts: {}, resetDevices: true } },
      i18n: { locale, detectLocale: false, localeFallback: 'en', messagesAdd: { fr: grapesFr } },
      ...(project ? { projectData: project } : { components: mjml }),
    });
    editorRef.current = editor;
    replaceFontIcons(editor);
    // Start on the blocks: dragging one in is the first thing to do.
    editor.on('load', () => editor.Panels.getButton('views', 'open-blocks')?.set('active', true));
    const report = () => changed.current({ mjml: editor.getHtml(), project: editor.getProjectData() });
    editor.on('update', report);
    return () => {
      editor.off('update', report);
      editor.destroy();
      editorRef.current = null;
    };
    // The editor is built once per mount; the parent remounts it (key) to load other content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // GrapesJS takes over the inner element; the outer one keeps the name and the test id.
  return (
    <div role="application" aria-label={label} data-testid="mjml-visual-editor" className="min-h-[640px] overflow-hidden rounded-lg border border-border">
      <div ref={container} />
    </div>
  );
}

import type { Plugin } from 'vite';
import { brandStylesheet } from '../src/lab/lab-brand';
import { LAB_MARKER, labPaths, readLabFolder, type LabFolder } from '../services/lab/lab-folder';

/** The lab's look and words for the renderer: `lab` (name, city, colours, support) and `logoUrl`. */
export const LAB_MODULE = 'virtual:photodose-lab';
/** The lab's colours as CSS custom properties, imported after renderer/styles.css. */
export const LAB_STYLES = 'virtual:photodose-lab.css';

export interface LabBuildOptions {
  /** The repository's folder (assets/ is under it). */
  root: string;
  /** The lab folder's name under assets/labs/ (PHOTODOSE_LAB; Photo Dose by default). */
  lab: string;
  /** The renderer's build writes LAB_MARKER; main's has no use for it. */
  marker?: boolean;
}

/**
 * The one seam of a white-label build. Every import of assets/catalog.json (the renderer, the
 * designer's commands, the host's pricing in main) resolves to the lab's own catalog; the
 * renderer takes the lab's name, logo and colours from LAB_MODULE and LAB_STYLES; the page title
 * is the lab's name. The lab folder is read and checked (services/lab/lab-folder.ts) before
 * anything is built, so a broken lab fails the build.
 */
export function labBuild(options: LabBuildOptions): Plugin {
  const { defaultCatalogFile } = labPaths(options.root);
  let folder: LabFolder | undefined;
  const lab = () => {
    if (!folder) throw new Error('photodose-lab: the lab folder is read at buildStart');
    return folder;
  };
  return {
    name: 'photodose-lab',
    enforce: 'pre',
    async buildStart() {
      folder = await readLabFolder(options.lab, options.root);
      for (const file of [`${folder.dir}/lab.json`, folder.catalogFile, folder.logoFile]) {
        this.addWatchFile(file);
      }
    },
    async resolveId(source, importer, resolveOptions) {
      if (source === LAB_MODULE || source === LAB_STYLES) return `\0${source}`;
      if (!source.endsWith('catalog.json')) return null;
      const resolved = await this.resolve(source, importer, { ...resolveOptions, skipSelf: true });
      return resolved?.id === defaultCatalogFile ? lab().catalogFile : null;
    },
    load(id) {
      if (id === `\0${LAB_STYLES}`) return brandStylesheet(lab().config.brand.colours);
      if (id !== `\0${LAB_MODULE}`) return null;
      const { config, logoFile } = lab();
      const shown = {
        id: config.id,
        name: config.name,
        city: config.city,
        support: config.support,
        colours: config.brand.colours,
      };
      return [
        `import logoUrl from ${JSON.stringify(logoFile)};`,
        `export const lab = ${JSON.stringify(shown)};`,
        'export { logoUrl };',
      ].join('\n');
    },
    transformIndexHtml(html) {
      return html.replace(
        /<title>[^<]*<\/title>/,
        `<title>${escapeHtml(lab().config.name)}</title>`,
      );
    },
    generateBundle() {
      if (!options.marker) return;
      const { name, config } = lab();
      this.emitFile({
        type: 'asset',
        fileName: LAB_MARKER,
        source: `${JSON.stringify({ lab: name, id: config.id })}\n`,
      });
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

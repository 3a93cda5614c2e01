/** How features point at places: the host turns a corpus path and offset into a URI an editor opens. */
export interface Location {
  path: string;
  start: number;
  end: number;
}

export interface LinkTarget {
  /** A URI that opens `path` at `offset` (for Markdown links in hovers). */
  uriAt(path: string, offset: number): string;
}

/** Links written as `path#offset` (for tests and hosts without URIs). */
export const plainLinks: LinkTarget = { uriAt: (path, offset) => `${path}#${offset}` };

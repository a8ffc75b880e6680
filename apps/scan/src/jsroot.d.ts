// jsroot ships JavaScript modules without types for its subpaths: the minimal surface the readers use.
declare module "jsroot/io" {
  /** A ROOT file opened by jsroot. */
  export interface RootFile {
    readonly fKeys: readonly { readonly fName: string; readonly fClassName: string }[];
    readObject(name: string): Promise<unknown>;
  }
  export function openFile(path: string): Promise<RootFile>;
}
declare module "jsroot/tree" {
  /** jsroot's TSelector: branches to read and a per-entry callback. */
  export class TSelector {
    addBranch(name: string): void;
    tgtobj: Record<string, unknown>;
    Process(): void;
  }
  export function treeProcess(tree: unknown, selector: TSelector): Promise<unknown>;
}

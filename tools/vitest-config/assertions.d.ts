/**
 * Asserts that `f` throws a PhysError (from @muonphilic/units) with the given code and, if given,
 * the given argument name.
 */
export declare function expectPhysError(f: () => unknown, code: string, argument?: string): void;

/**
 * Checks a package's README usage example: the ```ts block under "## Usage" is
 * `src/examples/readme.ts` verbatim (with the package name as import path), and running it prints
 * what the comments of its `console.log(` lines say (or `expected`).
 * @returns the printed lines
 */
export declare function expectReadmeExample(options: {
  /** The calling test's `import.meta.url` (a file in the package's `test/` folder). */
  readonly testUrl: string;
  /** The package name the README imports from, e.g. "@muonphilic/units". */
  readonly packageName: string;
  /** The printed lines, when the comments are not the literal output. */
  readonly expected?: readonly unknown[];
}): Promise<string[]>;

/**
 * Asserts that `f` throws a PhysError (from @muonphilic/units) with the given code and, if given,
 * the given argument name.
 */
export declare function expectPhysError(f: () => unknown, code: string, argument?: string): void;

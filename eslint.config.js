// Lint: typescript-eslint's type-checked rules, and the import layering of docs/architecture.md
// (imports point down: core, backends, tensor/autograd/ops, then nn, optim, utils/data).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const upper = (...dirs) =>
  dirs.map((d) => ({
    group: [`**/${d}/**`, `**/${d}/*.js`],
    message: `layering: this folder may not import ${d}/`,
  }));

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "eslint.config.js", "bench/peers/**", "docs/reference/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
    },
  },
  {
    files: ["src/backends/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: upper(
            "tensor",
            "autograd",
            "ops",
            "nn",
            "optim",
            "utils",
            "random",
            "serialization",
            "viz",
          ),
        },
      ],
    },
  },
  {
    files: ["src/tensor/**/*.ts", "src/autograd/**/*.ts", "src/ops/**/*.ts", "src/random/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: upper("nn", "optim", "utils", "serialization", "viz") }],
    },
  },
  {
    files: ["src/nn/**/*.ts", "src/optim/**/*.ts", "src/utils/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: upper("serialization", "viz") }] },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts", "examples/**/*.ts", "scripts/**/*.ts"],
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);

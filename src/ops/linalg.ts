/**
 * The matrix-product family, gathered: products (mm, bmm, mv, dot, vdot, inner, outer), the
 * add* forms (addmm, addmv, baddbmm, addbmm), matmul with PyTorch 2.x's node structure,
 * tensordot, and the torch.linalg entries that are products. Each lives in its own file.
 */
export * from "./linalg_products.js";
export * from "./linalg_addmm.js";
export * from "./linalg_matmul.js";

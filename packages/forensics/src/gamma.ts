// Chi-square tails for the digit tests: one implementation, in @scrutiny/stats.
export { chiSquarePValue, gammaQ } from "@scrutiny/stats";

import { defineConfig } from "drizzle-kit";

// Migrations are generated from src/schema and committed; both drivers run the same SQL files.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
});

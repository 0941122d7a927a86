/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";

import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev` serves the app with hot reload and hands the server's own
// paths to a running `make run` (or SENT_DEV_BACKEND), so sign-in and calls
// work exactly as they do when sent-server serves the built files.
const backend = process.env["SENT_DEV_BACKEND"] ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: {
      "/api": backend,
      "/auth": backend,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Hashed names under assets/: sent-server caches those as immutable.
    assetsDir: "assets",
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own chunks stay
        // cached across app releases.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: "vendor", test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    css: false,
    // Component tests drive real Radix widgets in jsdom: slow on a busy 2-core machine.
    testTimeout: 30_000,
  },
});

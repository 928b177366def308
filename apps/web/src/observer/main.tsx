/// <reference types="vite/client" />
import "../form-renderer/form-renderer.css";
import "./observer.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { openObserverDatabase } from "./db.ts";
import { ObserverApp } from "./ObserverApp.tsx";

const container = document.getElementById("root");
if (container === null) throw new Error("observer/index.html has no #root element");

// The service worker keeps the app itself on the phone; the data lives in IndexedDB.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  void navigator.serviceWorker.register("/observer/sw.js", { scope: "/observer/" }).catch(() => undefined);
}

void openObserverDatabase().then((db) => {
  createRoot(container).render(
    <StrictMode>
      <ObserverApp db={db} />
    </StrictMode>,
  );
});

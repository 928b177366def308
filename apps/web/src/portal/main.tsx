/// <reference types="vite/client" />
import "../styles/tokens.css";
import "../styles/base.css";
import "../styles/components.css";
import "./portal.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Portal } from "./Portal.tsx";

const container = document.getElementById("root");
if (container === null) throw new Error("portal/index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <Portal />
  </StrictMode>,
);

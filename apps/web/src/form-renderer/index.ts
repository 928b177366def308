export {
  type Answers,
  type AttachmentHandler,
  answersToSend,
  FormRenderer,
  type FormRendererProps,
} from "./FormRenderer.tsx";
export { issueText, type LiveCheck, liveCheck } from "./issues.ts";
export type { RendererMessages } from "./messages.ts";

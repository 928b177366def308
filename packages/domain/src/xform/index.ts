export { parseXml, type XmlElement, XmlError } from "../xlsform/xml.ts";
export * from "./export.ts";
export * from "./submission.ts";
export { toXPath, xpathString } from "./xpath.ts";

export * from "./common/backup.ts";
export * from "./common/issue-params.ts";
export * from "./common/result.ts";
export * from "./common/upload-limits.ts";
export * from "./deployment/index.ts";
export * from "./election/index.ts";
export * from "./expressions/index.ts";
export * from "./files/described.ts";
export * from "./forms/index.ts";
export * from "./incidents/index.ts";
export * from "./results/index.ts";
export * from "./submissions/index.ts";
export * from "./tables/index.ts";
export * from "./templates/checklists.ts";
// `Contestant` of results (a column of official results) and of forms (a ballot line) differ.
export {
  type Contestant as BallotContestant,
  votesQuestionName,
  withContestants,
} from "./templates/contestants.ts";
export * from "./transparency/index.ts";
export * from "./xform/index.ts";
export * from "./xlsform/index.ts";

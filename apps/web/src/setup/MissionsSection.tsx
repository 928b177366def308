// The missions of an election on its set-up page: the list, and a row to add one.
import { MissionKind } from "@scrutiny/domain";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { issuesOf } from "../deployment/api.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { useAddMission, useMissions } from "./api.ts";
import { IssueLines, TextField } from "./fields.tsx";

/** The election's missions, and a form to add one (code, name, kind, languages). */
export function Missions({ electionId, language }: { electionId: string; language: string }) {
  const { t } = useTranslation();
  const id = useId();
  const missions = useMissions(electionId);
  const add = useAddMission(electionId);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<MissionKind>("domestic");
  const [languages, setLanguages] = useState(language);
  return (
    <section className="card" aria-labelledby={`${id}-missions`}>
      <h2 id={`${id}-missions`} className="card__title">
        {t("electionSetup.missions")}
      </h2>
      {missions.isSuccess && missions.data.missions.length === 0 && (
        <p className="muted">{t("electionSetup.noMissions")}</p>
      )}
      {missions.isSuccess && missions.data.missions.length > 0 && (
        <ul className="setup-missions">
          {missions.data.missions.map((m) => (
            <li key={m.id}>
              <strong>{m.name[language] ?? Object.values(m.name)[0]}</strong> <code>{m.code}</code> —{" "}
              {t(`missionKind.${m.kind}`)} · {(m.languages ?? []).join(", ")}
            </li>
          ))}
        </ul>
      )}
      <form
        className="setup-row"
        onSubmit={(event) => {
          event.preventDefault();
          const list = languages
            .split(",")
            .map((l) => l.trim())
            .filter((l) => l !== "");
          add.mutate(
            { code: code.trim(), name: { [list[0] ?? language]: name.trim() }, kind, languages: list },
            {
              onSuccess: () => {
                setCode("");
                setName("");
              },
            },
          );
        }}
      >
        <TextField label={t("electionSetup.code")} value={code} onChange={setCode} />
        <TextField label={t("electionSetup.rowName")} value={name} onChange={setName} />
        <label>
          {t("electionSetup.kind")}
          <select
            className="select"
            value={kind}
            onChange={(e) => setKind(MissionKind.parse(e.target.value))}
          >
            {MissionKind.options.map((k) => (
              <option key={k} value={k}>
                {t(`missionKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <TextField label={t("electionSetup.rowLanguages")} value={languages} onChange={setLanguages} />
        <button
          type="submit"
          className="button button--primary"
          disabled={add.isPending || code.trim() === "" || name.trim() === ""}
        >
          {t("electionSetup.addMission")}
        </button>
      </form>
      {add.isError && (
        <div className="callout callout--danger" role="alert">
          <p>{apiErrorText(add.error, t)}</p>
          <IssueLines issues={issuesOf(add.error)} />
        </div>
      )}
    </section>
  );
}

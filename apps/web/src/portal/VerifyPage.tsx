import { getJson, getText, urls, type WitnessesResponse } from "./api.ts";
import { usePortalText } from "./i18n.ts";
import { Status } from "./Status.tsx";
import { useLoad } from "./useLoad.ts";

export function VerifyPage() {
  const { t } = usePortalText();
  const loaded = useLoad("verify", async () => {
    const [checkpoint, key, witnesses] = await Promise.all([
      getText(urls.checkpoint),
      getText(urls.key),
      getJson<WitnessesResponse>(urls.witnesses),
    ]);
    return { checkpoint, key: key.trim(), witnesses };
  });
  const origin = window.location.origin;
  return (
    <>
      <h1>{t("verify.title")}</h1>
      <p className="portal-lead">{t("verify.lead")}</p>
      <ol className="portal-steps">
        <li>{t("verify.step1")}</li>
        <li>{t("verify.step2")}</li>
        <li>{t("verify.step3")}</li>
      </ol>
      <Status loaded={loaded}>
        {({ checkpoint, key, witnesses }) => (
          <>
            <h2>{t("verify.commands")}</h2>
            <pre className="portal-command">
              {[
                `# 1. ${t("verify.step1")}`,
                `scrutiny verify --no-database --url ${origin}/log --key '${key}' --save checkpoint.txt`,
                `scrutiny verify --no-database --url ${origin}/log --key '${key}' --since checkpoint.txt`,
                `# ${t("verify.witnesses")}`,
                `scrutiny witness ${origin}/log`,
                `# 2-3. ${t("verify.step3")}`,
                `scrutiny recompute ${origin}/api/v1/public/publications/<id>/datapackage.zip`,
              ].join("\n")}
            </pre>
            <h2>{t("verify.checkpoint")}</h2>
            <pre className="portal-checkpoint" data-testid="checkpoint">
              {checkpoint}
            </pre>
            <h2>{t("verify.key")}</h2>
            <pre className="portal-command" data-testid="verifier-key">
              {key}
            </pre>
            <h2>{t("verify.witnesses")}</h2>
            {witnesses.witnesses.length === 0 ? (
              <p className="muted">{t("verify.noWitnesses")}</p>
            ) : (
              <ul>
                {witnesses.witnesses.map((w) => (
                  <li key={w.witnessKey}>
                    <strong>{w.witnessName}</strong>{" "}
                    <span className="muted">{t("verify.witnessAt", { size: w.size, time: w.signedAt })}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Status>
    </>
  );
}

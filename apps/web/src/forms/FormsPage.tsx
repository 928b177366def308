import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { isApiError, xlsFormUrl } from "../api/client.ts";
import { useForms } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";
import { coordinates } from "../session/missionAccess.tsx";
import { useSignedInUser } from "../session/session.tsx";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { FormUpload } from "./FormUpload.tsx";
import { formLanguage, pickText, questionCount } from "./formText.ts";

/** `/elections/:electionId/forms`: the election's checklists and incident forms. */
export function FormsPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const forms = useForms(electionId);
  const user = useSignedInUser();
  useDocumentTitle(t("forms.title"));

  if (forms.isPending) return <LoadingPanel />;
  if (forms.isError) {
    if (isApiError(forms.error, 400) || isApiError(forms.error, 404)) {
      return (
        <EmptyState title={t("errors.electionNotFoundTitle")}>
          <p>{t("errors.electionNotFoundText")}</p>
        </EmptyState>
      );
    }
    return <ErrorPanel error={forms.error} onRetry={() => void forms.refetch()} />;
  }
  const columns = {
    form: t("forms.form"),
    kind: t("forms.kind"),
    version: t("forms.version"),
    questions: t("forms.questions"),
    languages: t("forms.languages"),
    download: t("forms.download"),
  };
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">{t("forms.eyebrow")}</p>
        <h1>{t("forms.title")}</h1>
        <p className="page-header__lead">{t("forms.lead")}</p>
      </header>
      {coordinates(user.role) && (
        <FormUpload
          electionId={electionId}
          ownForms={forms.data.filter((form) => form.missionId === user.missionId)}
        />
      )}
      <section className="card card--flush" aria-labelledby="forms-list">
        <h2 id="forms-list" className="visually-hidden">
          {t("forms.title")}
        </h2>
        {forms.data.length === 0 ? (
          <p className="card__body card__body--top muted">{t("forms.none")}</p>
        ) : (
          <TableRegion>
            <table className="table table--stack">
              <caption className="visually-hidden">{t("forms.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{columns.form}</th>
                  <th scope="col">{columns.kind}</th>
                  <th scope="col" className="num">
                    {columns.version}
                  </th>
                  <th scope="col" className="num">
                    {columns.questions}
                  </th>
                  <th scope="col">{columns.languages}</th>
                  <th scope="col">
                    <span className="visually-hidden">{columns.download}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {forms.data.map((form) => {
                  const definition = form.definition;
                  const title = pickText(
                    definition.title,
                    formLanguage(definition, format.language),
                    definition,
                  );
                  return (
                    <tr key={form.formId}>
                      <th scope="row" data-label={columns.form}>
                        <Link to={`/elections/${electionId}/forms/${form.formId}`} lang={title?.lang}>
                          {title?.text ?? form.code}
                        </Link>
                        <span className="mission-code">{form.code}</span>
                      </th>
                      <td data-label={columns.kind}>
                        <span className={`badge badge--kind-${form.kind}`}>{t(`formKind.${form.kind}`)}</span>
                      </td>
                      <td data-label={columns.version} className="num">
                        v{form.version}
                      </td>
                      <td data-label={columns.questions} className="num">
                        {format.number(questionCount(definition))}
                      </td>
                      <td data-label={columns.languages}>
                        {definition.languages.map((language) => language.toUpperCase()).join(", ")}
                      </td>
                      <td data-label={columns.download}>
                        <a href={xlsFormUrl(form.formId, form.version)} download className="download-link">
                          {t("forms.xlsform")}
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}

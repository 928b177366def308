import { PASSWORD_MIN_LENGTH } from "@scrutiny/domain";
import { useId } from "react";
import { useTranslation } from "react-i18next";

/** A new password typed twice. */
export interface NewPassword {
  readonly password: string;
  readonly repeat: string;
}

export const emptyNewPassword: NewPassword = { password: "", repeat: "" };

/** True when the two differ (once the second is typed). */
export function mismatched({ password, repeat }: NewPassword): boolean {
  return repeat !== "" && repeat !== password;
}

/** The new password and its repetition, with the domain's minimum length and the mismatch said at once. */
export function NewPasswordFields({
  label,
  value,
  onChange,
}: {
  label: string;
  value: NewPassword;
  onChange: (value: NewPassword) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const mismatch = mismatched(value);
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-new`}>{label}</label>
        <input
          id={`${id}-new`}
          type="password"
          className="input"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={value.password}
          onChange={(event) => onChange({ ...value, password: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>{t("account.repeatPassword")}</label>
        <input
          id={`${id}-repeat`}
          type="password"
          className="input"
          autoComplete="new-password"
          required
          value={value.repeat}
          aria-invalid={mismatch || undefined}
          aria-describedby={mismatch ? `${id}-error` : undefined}
          onChange={(event) => onChange({ ...value, repeat: event.target.value })}
        />
        {mismatch && (
          <p id={`${id}-error`} className="field__error">
            {t("account.mismatch")}
          </p>
        )}
      </div>
    </>
  );
}

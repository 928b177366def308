// Publishing forms from an XLSForm workbook: a new form of the caller's mission, or a new version
// of one it has. The workbook travels as it is, with the files it uses beside it (multipart); the
// server imports them again and keeps its warnings.
import { forms, type ResponseOf } from "@scrutiny/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, seg } from "../api/client.ts";
import { queryKeys } from "../api/queries.ts";

export type Publication =
  | { readonly target: "new"; readonly response: ResponseOf<typeof forms.createForm> }
  | { readonly target: "version"; readonly response: ResponseOf<typeof forms.publishForm> };

export function usePublishXlsForm(electionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      workbook: File;
      /** The files the workbook uses (select_*_from_file choices, pulldata CSVs). */
      files: readonly File[];
      /** A form to publish a new version of; absent: a new form. */
      formId?: string;
      acknowledgeDroppedLogic: boolean;
    }): Promise<Publication> => {
      const body = new FormData();
      body.append(forms.FORM_UPLOAD_PARTS.workbook, input.workbook, input.workbook.name);
      for (const file of input.files) body.append(forms.FORM_UPLOAD_PARTS.files, file, file.name);
      const query = input.acknowledgeDroppedLogic
        ? ("?acknowledgeDroppedLogic=true" as const)
        : ("" as const);
      if (input.formId === undefined)
        return {
          target: "new",
          response: await call<typeof forms.createForm>(
            "POST",
            `/api/v1/elections/${seg(electionId)}/forms${query}`,
            body,
          ),
        };
      return {
        target: "version",
        response: await call<typeof forms.publishForm>(
          "PUT",
          `/api/v1/forms/${seg(input.formId)}${query}`,
          body,
        ),
      };
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.forms(electionId) });
    },
  });
}

// Publishing forms from an XLSForm workbook: a new form of the caller's mission, or a new version
// of one it has. The workbook travels as it is; the server imports it again and keeps its warnings.
import type { forms, ResponseOf } from "@scrutiny/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, seg } from "../api/client.ts";
import { queryKeys } from "../api/queries.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type Publication =
  | { readonly target: "new"; readonly response: ResponseOf<typeof forms.createForm> }
  | { readonly target: "version"; readonly response: ResponseOf<typeof forms.publishForm> };

export function usePublishXlsForm(electionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      workbook: Blob;
      /** A form to publish a new version of; absent: a new form. */
      formId?: string;
      acknowledgeDroppedLogic: boolean;
    }): Promise<Publication> => {
      const body = { blob: input.workbook, contentType: XLSX_TYPE };
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

// Publishing a snapshot from the staff app: review what would be published (computed by the
// server, nothing stored), then publish it. Types are the contract's.
import type { publications, ResponseOf } from "@scrutiny/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "../api/client.ts";

export type PublishBody = publications.PublishBody;
export type PublicationPreview = publications.PublicationPreview;
export type Published = ResponseOf<typeof publications.publish>["publication"];

const path = (missionId: string) => `/api/v1/missions/${encodeURIComponent(missionId)}/publications`;

export function usePreview(missionId: string) {
  return useMutation({
    mutationFn: (body: PublishBody) =>
      request<PublicationPreview>("POST", `${path(missionId)}/preview`, body),
  });
}

export function usePublish(missionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: PublishBody) => {
      const { publication } = await request<{ publication: Published }>("POST", path(missionId), body);
      // The checkpoint that includes the new entry (the log is public).
      const checkpoint = await fetch("/log/checkpoint", { credentials: "omit" }).then((r) => r.text());
      return { publication, checkpoint };
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ["publications"] }),
  });
}

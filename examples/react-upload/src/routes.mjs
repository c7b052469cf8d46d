// The app's named upload routes, shared by the server (enforcement) and the page (typed names).
import { createRouter } from "@carcosa/sdk/server";

export const uploadRouter = createRouter({
  avatar: { contentTypes: ["image/*"], maxFileSize: "4MiB", maxFiles: 1, presets: ["thumb"] },
  photos: { contentTypes: ["image/*"], maxFileSize: "20MiB", maxFiles: 10 },
  // Large files go up as resumable multipart uploads (the project's threshold decides); the
  // project must accept video too (see the README).
  videos: { contentTypes: ["video/*"], maxFileSize: "2GiB", maxFiles: 5, presets: [] },
});

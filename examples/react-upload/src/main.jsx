import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { CarcosaImage, UploadButton, UploadDropzone } from "@carcosa/sdk/react";

const endpoint = "/api/carcosa";

function App() {
  const [files, setFiles] = useState([]);
  const [error, setError] = useState();
  const add = (result) => setFiles((list) => [result, ...list]);
  return (
    <main>
      <h1>Upload images</h1>
      <p>Files go straight into the bucket; Carcosa checks them and makes the thumbnails.</p>
      <section aria-labelledby="photos-h">
        <h2 id="photos-h">Photos</h2>
        <UploadDropzone
          endpoint={endpoint}
          route="photos"
          accept="image/*"
          label="Drop photos here, paste, or press Enter to choose"
          onUploadComplete={add}
          onUploadError={(e) => setError(e.message)}
        />
      </section>
      <section aria-labelledby="videos-h">
        <h2 id="videos-h">Videos</h2>
        <p>Large files go up in parts and survive a reload: pick the same file again to resume.</p>
        <UploadDropzone
          endpoint={endpoint}
          route="videos"
          accept="video/*"
          label="Drop videos here, or press Enter to choose"
          onUploadComplete={add}
          onUploadError={(e) => setError(e.message)}
        />
      </section>
      <section aria-labelledby="avatar-h">
        <h2 id="avatar-h">Avatar</h2>
        <UploadButton endpoint={endpoint} route="avatar" accept="image/*" multiple={false} onUploadComplete={add}>
          Choose an avatar
        </UploadButton>
      </section>
      {error ? <p role="alert" data-testid="error">{error}</p> : null}
      <section aria-labelledby="gallery-h">
        <h2 id="gallery-h">Uploaded</h2>
        {files.length === 0 ? <p>Nothing yet: upload an image above.</p> : null}
        <ul className="gallery">
          {files.map((f) => (
            <li key={f.fileId}>
              {f.contentType.startsWith("image/") ? (
                <CarcosaImage endpoint={endpoint} fileId={f.fileId} alt={f.name} widths={[160, 320]} sizes="160px" width={160} />
              ) : null}
              <span>{f.name}</span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

createRoot(document.getElementById("root")).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

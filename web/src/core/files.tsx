// Choosing files and sending them with a progress bar each; a failed file can be retried alone.
import { useId } from 'preact/hooks';
import { t, type Text } from './i18n';
import { formatBytes } from './format';
import { ACCEPT_ATTRIBUTE, uploadFile } from './upload';
import { errorText } from './ui';

export interface PickedFile {
  /** Stable per pick, for keys. */
  key: string;
  name: string;
  size: number;
  /** 0…1 while sending. */
  progress: number;
  uploadId?: string;
  error?: string;
  file?: File;
}

const TEXT = {
  choose: { vi: 'Chọn tệp', en: 'Choose files' },
  accepted: { vi: 'PDF, ảnh JPG/PNG, Word, Excel, ODT hoặc văn bản; tối đa 20 MB mỗi tệp.', en: 'PDF, JPG/PNG images, Word, Excel, ODT or text; up to 20 MB each.' },
  sent: { vi: 'Đã tải lên', en: 'Uploaded' },
  remove: { vi: 'Bỏ tệp', en: 'Remove file' },
  retry: { vi: 'Tải lại', en: 'Retry' },
  progress: { vi: 'Tiến độ tải lên', en: 'Upload progress' },
} satisfies Record<string, Text>;

/** Whether every picked file has reached the bucket. */
export const allUploaded = (files: PickedFile[]): boolean => files.every((f) => f.uploadId);

/**
 * A file input that uploads each chosen file at once. `files` is owned by the caller (a draft, so it survives),
 * and onChange receives every update: the progress, the uploadId when done, or the error to retry.
 */
export function FilePicker(props: { tenant: string; label: string; hint?: string; files: PickedFile[]; onChange: (update: (files: PickedFile[]) => PickedFile[]) => void; multiple?: boolean; error?: string }) {
  const id = useId();
  const patch = (key: string, change: Partial<PickedFile>) => props.onChange((files) => files.map((f) => (f.key === key ? { ...f, ...change } : f)));

  const send = async (picked: PickedFile) => {
    if (!(picked.file instanceof File)) return; // a file restored from a draft must be chosen again
    patch(picked.key, { error: undefined, progress: 0 });
    try {
      const uploadId = await uploadFile(props.tenant, picked.file, (progress) => patch(picked.key, { progress }));
      patch(picked.key, { uploadId, progress: 1 });
    } catch (err) {
      patch(picked.key, { error: errorText(err) });
    }
  };

  const onPick = (list: FileList | null) => {
    const picked = Array.from(list ?? []).map((file) => ({ key: crypto.randomUUID(), name: file.name, size: file.size, progress: 0, file }));
    props.onChange((files) => (props.multiple === false ? picked : [...files, ...picked]));
    for (const p of picked) void send(p);
  };

  return (
    <div class={`field files ${props.error ? 'field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>{props.hint ?? t(TEXT.accepted)}</p>
      <input id={id} type="file" accept={ACCEPT_ATTRIBUTE} multiple={props.multiple !== false} aria-describedby={`${id}-hint`} onChange={(e) => { onPick(e.currentTarget.files); e.currentTarget.value = ''; }} />
      {props.error ? <p class="error" role="alert">{props.error}</p> : null}
      {props.files.length ? (
        <ul class="file-list">
          {props.files.map((f) => (
            <li key={f.key}>
              <span class="file-name">{f.name}</span> <span class="muted">({formatBytes(f.size)})</span>
              {f.uploadId ? <span class="ok"> ✓ {t(TEXT.sent)}</span> : <progress max={1} value={f.progress} aria-label={`${t(TEXT.progress)}: ${f.name}`} />}
              {f.error ? <span class="error" role="alert"> {f.error} {f.file instanceof File ? <button type="button" class="link" onClick={() => void send(f)}>{t(TEXT.retry)}</button> : null}</span> : null}
              <button type="button" class="link" aria-label={`${t(TEXT.remove)}: ${f.name}`} onClick={() => props.onChange((files) => files.filter((x) => x.key !== f.key))}>✕</button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

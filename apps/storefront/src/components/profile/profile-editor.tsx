'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type ApiError, type ProfileFields, type Session, type VersionedProfile, toApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { fieldsOf } from '@/lib/profile/profile-field';
import { mergeProfiles } from '@/lib/profile/profile-merge';
import { useApi } from '../providers/api-provider';
import { signIn } from '../providers/use-session';
import { Loading } from '../ui/loading';
import { useSignedInSession } from '../ui/signed-in-only';
import { ProblemNotice } from '../ui/problem-notice';
import { ConflictPanel } from './conflict-panel';
import { ProfileForm } from './profile-form';
import { SaveLog, type SaveLogEntry } from './save-log';
import styles from './profile.module.css';

export function ProfileEditor() {
  const api = useApi();
  const session = useSignedInSession();
  const loaded = useQuery({ queryKey: ['profile', session.user.id], queryFn: () => api.getProfile(session) });
  if (loaded.isPending) return <Loading label="Loading your profile…" />;
  if (loaded.isError) return <ProblemNotice error={loaded.error} onRetry={() => void loaded.refetch()} />;
  return <Editor session={session} initial={loaded.data} />;
}

/**
 * Edits on top of the version last read (`base`), saved with `If-Match: base.etag`. After a 412 the
 * version read again (`theirs`) is merged with this tab's edits field by field, so that saving
 * again replaces only what this tab changed.
 */
function Editor({ session, initial }: { session: Session; initial: VersionedProfile }) {
  const api = useApi();
  const [base, setBase] = useState(initial);
  const [form, setForm] = useState(() => fieldsOf(initial.profile));
  const [theirs, setTheirs] = useState<VersionedProfile | null>(null);
  const [readError, setReadError] = useState<ApiError | null>(null);
  const [log, setLog] = useState<SaveLogEntry[]>([]);
  const record = (entry: Omit<SaveLogEntry, 'at'>) => setLog((entries) => [...entries, { at: Date.now(), ...entry }]);
  const adopt = (version: VersionedProfile) => {
    setBase(version);
    setForm(fieldsOf(version.profile));
    setTheirs(null);
  };
  // Pending until its callbacks are done: after a 412 the save stays "Saving…" while theirs is read.
  const save = useMutation({
    mutationFn: ({ fields, ifMatch }: { fields: ProfileFields; ifMatch: string }) => api.replaceProfile(session, fields, ifMatch),
    onSuccess: (saved, { ifMatch }) => {
      record({ outcome: saved.etag === ifMatch ? 'unchanged' : 'changed', etag: saved.etag });
      adopt(saved);
      signIn({ ...session, user: { ...session.user, name: saved.profile.name, email: saved.profile.email } });
    },
    onError: async (failure) => {
      if (failure.slug !== 'precondition-failed') return record({ outcome: 'failed', message: `${failure.title}. ${failure.message}` });
      record({ outcome: 'conflict' });
      setReadError(null);
      await api.getProfile(session).then(setTheirs, (e: unknown) => setReadError(toApiError(e, api.baseUrl)));
    },
  });
  const error = save.error?.slug === 'precondition-failed' ? readError : save.error;
  const saving = save.isPending;

  return (
    <div className={styles.layout}>
      <div className={styles.main}>
        {theirs && (
          // `base` stays the version this tab loaded until a save succeeds: "mine" is always this
          // tab's edits since then, even after a second 412 brings an even newer `theirs`.
          <ConflictPanel
            key={theirs.etag}
            merge={mergeProfiles(base.profile, form, theirs.profile)}
            onSave={(fields) => save.mutate({ fields, ifMatch: theirs.etag })}
            onUseTheirs={() => adopt(theirs)}
            saving={saving}
          />
        )}
        {error && <ProblemNotice error={error} />}
        <ProfileForm
          value={form}
          onChange={setForm}
          onSubmit={() => save.mutate({ fields: form, ifMatch: base.etag })}
          saving={saving}
          fieldErrors={error?.fieldErrors ?? []}
        />
      </div>
      <aside className={styles.side}>
        <section className="card" aria-labelledby="version-title">
          <h2 id="version-title" className={styles.logTitle}>
            The version you are editing
          </h2>
          <dl className={styles.facts}>
            <dt>ETag</dt>
            <dd>
              <code data-testid="profile-etag">{base.etag}</code>
            </dd>
            <dt>Last changed</dt>
            <dd>{base.profile.updatedAt ? formatDateTime(base.profile.updatedAt) : 'never'}</dd>
          </dl>
          <p className="muted">
            Saving sends it as If-Match: if someone saved a newer version meanwhile, the shop refuses (412) instead of silently overwriting it.
          </p>
        </section>
        <SaveLog entries={log} />
      </aside>
    </div>
  );
}

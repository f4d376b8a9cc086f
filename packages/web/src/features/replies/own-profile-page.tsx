import type { SpeakerForm } from '@calmdesk/contracts';
import { SPEAKER_FORMS } from '@calmdesk/contracts/enums';
import { Alert, Button, Loader, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../auth/session.ts';
import { useUpdateOwnProfile } from './use-replies.ts';

function ProfileForm({ signature, gender }: { signature: string; gender: SpeakerForm | null }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ signature, gender: gender ?? '' });
  const save = useUpdateOwnProfile();
  const field = save.error instanceof ApiError ? save.error.path?.split('.').at(-1) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      signature: form.signature.trim() || null,
      grammaticalGender: (form.gender || null) as SpeakerForm | null,
    });
  };
  return (
    <Paper component="form" withBorder p="lg" maw={640} onSubmit={submit}>
      <Stack>
        <Textarea
          label={t('ownProfile.signature')}
          description={t('ownProfile.signatureHint')}
          value={form.signature}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, signature: value }));
          }}
          error={field === 'signature' ? t('ownProfile.signatureTooLong') : undefined}
          autosize
          minRows={3}
        />
        <Radio.Group
          label={t('ownProfile.gender')}
          description={t('ownProfile.genderHint')}
          value={form.gender}
          onChange={(gender) => setForm((f) => ({ ...f, gender }))}
        >
          <Stack gap={6} mt={6}>
            {SPEAKER_FORMS.map((option) => (
              <Radio key={option} value={option} label={t(`ownProfile.form.${option}`)} />
            ))}
            <Radio value="" label={t('ownProfile.form.unset')} />
          </Stack>
        </Radio.Group>
        {save.isSuccess && (
          <Alert color="teal" data-testid="profile-saved">
            {t('ownProfile.saved')}
          </Alert>
        )}
        {save.isError && !field && <Alert color="red">{errorText(t, save.error)}</Alert>}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('ownProfile.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** One's own signature (under mailed replies) and grammatical gender (for Polish phrases). */
export function OwnProfilePage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <Loader aria-label={t('common.loading')} />;
  const user = session.data?.user;
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('ownProfile.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {user?.name} · {user?.email}
      </Text>
      {user && <ProfileForm signature={user.signature ?? ''} gender={user.grammaticalGender ?? null} />}
    </Stack>
  );
}

import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { formErrors } from '../../api/errors.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useSignIn } from './session.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  const errors = formErrors(t, signIn.error, ['email', 'password']);
  const refused = signIn.error instanceof ApiError ? signIn.error : null;
  const failure =
    refused?.status === 429
      ? t('signIn.tooMany')
      : refused?.code === 'unauthenticated'
        ? t('signIn.failed')
        : errors.above;
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={380} maw="100%">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('app.tagline')}
            </Text>
            <Title order={2} size="h4">
              {t('signIn.title')}
            </Title>
            {failure && <Alert color="red">{failure}</Alert>}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.at('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.at('password')}
            />
            <Button type="submit" loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

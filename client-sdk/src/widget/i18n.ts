import type { ClientErrorCode } from "../chat-error.ts";
import type { DsaCategory, ErrorCode, FlagReason, NoticeKind, ReportDecision, Role } from "../protocol.ts";
import { DSA_WORDS_EN, DSA_WORDS_FR } from "./dsa-words.ts";

/** The widget speaks the shopper's browser language: French for fr*, English otherwise. */
export type Lang = "fr" | "en";

export function pickLang(nav: { language?: string; languages?: readonly string[] } = globalThis.navigator ?? {}): Lang {
  const first = nav.language ?? nav.languages?.[0] ?? "en";
  return /^fr\b/i.test(first) ? "fr" : "en";
}

/** Details an error message may need: when a mute ends, how long to wait, the room's limit. */
export interface ErrorContext { until?: number; retryAfterMs?: number; maxLength?: number; reason?: string }

export interface WidgetStrings {
  lang: Lang;
  title: string;
  chatLabel: (brand: string) => string;
  live: string;
  online: (n: number) => string;
  reconnecting: string;
  connecting: string;
  messages: string;
  /** How to move in the message list with the keyboard (read with the list). */
  listKeys: string;
  empty: string;
  yourMessage: string;
  placeholder: string;
  placeholderReply: string;
  hint: string;
  send: string;
  sending: string;
  counter: (n: number, max: number) => string;
  counterOver: (over: number) => string;
  reply: string;
  replyingTo: (name: string) => string;
  cancelReply: string;
  earlierMessage: string;
  helpful: (n: number) => string;
  helpfulLabel: (n: number) => string;
  report: string;
  reportTitle: string;
  reasons: Record<FlagReason, string>;
  cancel: string;
  reported: string;
  reportedHidden: string;
  /** A moderator's report hides the message at once: say so, and who decides next. */
  reportedHiddenStaff: string;
  signIn: string;
  signInToVote: string;
  /** Said when a manager lifts a mute while the page is open. */
  unmuted: string;
  held: string;
  heldHelp: string;
  hidden: string;
  you: string;
  badges: Partial<Record<Role, string>>;
  /** Brand voice: the badge on the brand's own posts, and what a screen reader hears for it. */
  team: string;
  teamLabel: string;
  /** The pinned message at the top of the list. */
  pinned: string;
  pinnedLabel: string;
  pinShow: string;
  pinHide: string;
  pinnedNow: (text: string) => string;
  frozen: string;
  slowMode: (sec: number) => string;
  slowWait: (sec: number) => string;
  restrictedBanner: string;
  restrictedReply: string;
  /** SPEC §10.3 shield mode: a calm notice, and what it means for the reader. */
  shield: string;
  shieldMember: string;
  shieldGuest: string;
  cleared: string;
  newMessage: (name: string, text: string) => string;
  /** How a guest's generated name ("Guest 1234", minted by the server in one language) reads here. */
  guest: (number: string) => string;
  approved: string;
  removedOwn: string;
  ended: string;
  alert: string;
  alertNote: string;
  alertSent: string;
  close: string;
  /** The launcher button's name (launcher mode). */
  openChat: string;
  /** SPEC §9.3: the report of illegal content, from the message's report menu. */
  illegal: IllegalReportStrings;
  errors: Record<ErrorCode | ClientErrorCode, (c: ErrorContext) => string>;
  time: (at: number) => string;
  /** SPEC §9.1–9.2: the user's notices (statements of reasons) and their appeals. */
  notice: NoticeStrings;
}

export interface NoticeStrings {
  /** The header button that opens the notices, with how many are new. */
  open: (unread: number) => string;
  title: string;
  intro: string;
  empty: string;
  kinds: Record<NoticeKind, string>;
  fresh: string;
  yourMessage: string;
  why: string;
  category: string;
  rule: string;
  terms: string;
  termsPlain: string;
  law: string;
  decision: string;
  decidedBy: (automatedDecision: boolean, automatedDetection: boolean) => string;
  until: string;
  permanent: string;
  appeal: string;
  appealUntil: (when: string) => string;
  appealLabel: string;
  appealHint: (max: number) => string;
  appealSend: string;
  appealEmpty: string;
  appealSent: string;
  /** The outcome of a reversed appeal, by what was undone. */
  reversed: Record<NoticeKind, string>;
  upheld: (note: string) => string;
  appealClosed: string;
  /** Said (live region) when a notice arrives or an appeal is decided. */
  arrived: (kind: string) => string;
  decided: string;
  loadFailed: string;
}

/** The words of the illegal-content report form: categories in plain words, never their codes. */
export interface IllegalReportStrings {
  /** The entry in the message's report menu. */
  entry: string;
  title: string;
  intro: string;
  category: string;
  choose: string;
  categories: Record<DsaCategory, string>;
  explanation: string;
  explanationHelp: string;
  name: string;
  email: string;
  optional: string;
  emailHelp: string;
  goodFaith: string;
  submit: string;
  sending: string;
  /** What is missing, said next to the field. */
  needCategory: string;
  needExplanation: string;
  badEmail: string;
  needGoodFaith: string;
  received: string;
  receipt: string;
  follow: string;
  close: string;
  /** The outcome, when a manager decided the reported message. */
  decided: (d: ReportDecision) => string;
}

const clock = (lang: Lang) => {
  const sameDay = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
  const other = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  return (at: number) => (new Date(at).toDateString() === new Date().toDateString() ? sameDay : other).format(at);
};

const secs = (c: ErrorContext) => Math.max(1, Math.ceil((c.retryAfterMs ?? 1000) / 1000));

const en: WidgetStrings = {
  lang: "en",
  title: "Questions & answers",
  chatLabel: (brand) => `${brand} community chat`,
  live: "Live",
  online: (n) => `${n.toLocaleString("en")} online`,
  reconnecting: "Reconnecting…",
  connecting: "Connecting…",
  messages: "Messages",
  listKeys: "Up and down arrows move between messages, left and right between a message’s buttons.",
  empty: "No messages yet. Ask the first question!",
  yourMessage: "Your message",
  placeholder: "Ask the community…",
  placeholderReply: "Write your answer…",
  hint: "Enter to send · Shift+Enter for a new line",
  send: "Send",
  sending: "Sending…",
  counter: (n, max) => `${n} / ${max}`,
  counterOver: (over) => `${over} characters too many`,
  reply: "Reply",
  replyingTo: (name) => `Replying to ${name}`,
  cancelReply: "Cancel reply",
  earlierMessage: "an earlier message",
  helpful: (n) => (n > 0 ? `Helpful · ${n}` : "Helpful"),
  helpfulLabel: (n) => `Mark as helpful (${n} so far)`,
  report: "Report",
  reportTitle: "Why are you reporting this message?",
  reasons: { spam: "Spam or advertising", abuse: "Abusive or hateful", off_topic: "Off topic", competitor: "Promotes a competitor", other: "Something else" },
  cancel: "Cancel",
  reported: "Thanks, our moderators will take a look.",
  reportedHidden: "Thanks. The message is hidden while our team reviews it.",
  reportedHiddenStaff: "The message is hidden for everyone now, as a moderator’s report does. The team will confirm or restore it.",
  signIn: "Sign in",
  signInToVote: "Sign in to mark answers as helpful.",
  unmuted: "You can post again.",
  held: "Waiting for review",
  heldHelp: "Only you can see this message until a moderator approves it.",
  hidden: "This message is hidden while moderators review it.",
  you: "you",
  badges: { moderator: "Moderator", expert: "Expert", manager: "Team" },
  team: "Team",
  teamLabel: "Official message from the brand’s team",
  pinned: "Pinned",
  pinnedLabel: "Pinned message",
  pinShow: "Show the pinned message",
  pinHide: "Fold the pinned message",
  pinnedNow: (text) => `Pinned message: ${text}`,
  frozen: "The conversation is paused by the moderators. You can still read it.",
  slowMode: (s) => `Slow mode: one message every ${s} s.`,
  slowWait: (s) => `Slow mode: you can send again in ${s} s.`,
  restrictedBanner: "Anyone can ask a question here; answers come from our experts and moderators.",
  restrictedReply: "Only experts and moderators answer in this room. You can ask your own question below.",
  shield: "This chat is in protected mode.",
  shieldMember: "New messages appear once a moderator has read them.",
  shieldGuest: "Sign in to take part; you can keep reading meanwhile.",
  cleared: "The moderators cleared this conversation.",
  newMessage: (name, text) => `${name}: ${text}`,
  guest: (n) => `Guest ${n}`,
  approved: "Your message was approved and is now visible to everyone.",
  removedOwn: "A moderator did not publish one of your messages.",
  ended: "Your chat session has ended.",
  alert: "Alert the team",
  alertNote: "What needs attention?",
  alertSent: "The team has been alerted.",
  close: "Close",
  openChat: "Chat with the community",
  illegal: {
    entry: "Report illegal content",
    title: "Report illegal content",
    intro: "Tell us why you believe this message is against the law. The community team will review it and tell you its decision.",
    category: "What kind of illegal content is it?",
    choose: "Choose…",
    categories: DSA_WORDS_EN,
    explanation: "Why is it illegal?",
    explanationHelp: "Explain in your own words what is illegal in this message.",
    name: "Your name",
    email: "Your e-mail",
    optional: "(optional)",
    emailHelp: "Only to contact you about this report.",
    goodFaith: "I confirm that the information in this report is accurate and complete, to the best of my knowledge, and that I am reporting in good faith.",
    submit: "Send the report",
    sending: "Sending…",
    needCategory: "Choose what kind of illegal content it is.",
    needExplanation: "Explain why the message is illegal.",
    badEmail: "This e-mail address does not look right.",
    needGoodFaith: "Tick the box to confirm you are reporting in good faith.",
    received: "Thank you, your report was received. The community team will review the message and tell you its decision.",
    receipt: "Your receipt (keep it to follow your report):",
    follow: "Follow your report",
    close: "Close",
    decided: (d) => (d === "removed"
      ? "Your report was reviewed: the message was removed."
      : "Your report was reviewed: the team found the message lawful and kept it."),
  },
  errors: {
    invalid_payload: () => "That did not work. Please try again.",
    unknown_tenant: () => "This chat is not set up correctly.",
    origin_not_allowed: () => "The chat is not available on this website.",
    invalid_token: () => "Your sign-in has expired. Please reload the page.",
    unauthorized: () => "Please sign in to do this.",
    forbidden: () => "You are not allowed to do this.",
    not_found: () => "This message is no longer available.",
    not_in_room: () => "You left this conversation; reload the page to rejoin.",
    invalid_room: () => "This conversation does not exist.",
    message_too_long: (c) => (c.maxLength ? `Your message is too long (${c.maxLength} characters at most).` : "Your message is too long."),
    empty_message: () => "Your message is empty.",
    room_frozen: () => "The conversation is paused: new messages are not accepted for now.",
    answers_restricted: () => "Only experts and moderators answer in this room. You can ask your own question.",
    rate_limited: (c) => `You are sending messages too fast. Try again in ${secs(c)} s.`,
    slow_mode: (c) => `Slow mode is on: wait ${secs(c)} s before your next message.`,
    banned: (c) => (c.until ? `You are banned from this chat until ${en.time(c.until)}.` : "You are banned from this chat.") + (c.reason ? ` Reason: ${c.reason}` : ""),
    muted: (c) => (c.until ? `You are muted until ${en.time(c.until)}. You can still read the conversation.` : "You are muted. You can still read the conversation.") + (c.reason ? ` Reason: ${c.reason}` : ""),
    ip_blocked: () => "Your network is blocked from this chat.",
    too_many_connections: () => "Too many connections from your network. Close some tabs and reload.",
    shielded: () => "This chat is in protected mode: sign in to take part.",
    content_blocked: () => "Your message was blocked by our community rules. Please rephrase it.",
    store_unavailable: () => "The chat is having trouble. Please try again in a moment.",
    internal: () => "Something went wrong on our side. Please try again.",
    conflict: () => "Someone else already did this.",
    timeout: () => "No answer from the chat. Check your connection and try again.",
    disconnected: () => "You are offline. Your message will go as soon as the connection is back.",
  },
  time: (at) => clock("en")(at),
  notice: {
    open: (n) => (n ? `Notices (${n} new)` : "Notices"),
    title: "Moderation notices",
    intro: "Why something you posted, or your account, was restricted, and how to contest it.",
    empty: "You have no notices.",
    kinds: {
      message_removed: "Your message was removed",
      message_hidden: "Your message was hidden",
      message_rejected: "Your message was not published",
      banned: "You were banned from the chat",
      muted: "You were muted",
    },
    fresh: "New",
    yourMessage: "Your message",
    why: "Why",
    category: "Category",
    rule: "Rule applied",
    terms: "The community rules",
    termsPlain: "The community rules of this chat",
    law: "The law (illegal content)",
    decision: "Decided",
    decidedBy: (auto, detect) => (auto ? "Automatically, by a filter or a number of reports, without a person"
      : detect ? "By a person, after an automatic detection" : "By a person"),
    until: "Until",
    permanent: "Permanent",
    appeal: "Appeal",
    appealUntil: (when) => `You can contest this decision until ${when}.`,
    appealLabel: "Why should this decision be reviewed?",
    appealHint: (max) => `A community manager will read it. ${max} characters at most.`,
    appealSend: "Send my appeal",
    appealEmpty: "Please explain in a few words why you contest the decision.",
    appealSent: "Appeal sent. A community manager will review it, and you will see the outcome here.",
    reversed: {
      message_removed: "Your appeal was accepted: your message was restored.",
      message_hidden: "Your appeal was accepted: your message was restored.",
      message_rejected: "Your appeal was accepted: you may post your message again.",
      banned: "Your appeal was accepted: the ban was lifted.",
      muted: "Your appeal was accepted: you can post again.",
    },
    upheld: (note) => `The decision was upheld: ${note}`,
    appealClosed: "The time to contest this decision has passed.",
    arrived: (kind) => `Moderation notice: ${kind}. Open the notices to read why.`,
    decided: "A community manager decided your appeal.",
    loadFailed: "Your notices could not be loaded. Please reload the page.",
  },
};

const fr: WidgetStrings = {
  lang: "fr",
  title: "Questions & réponses",
  chatLabel: (brand) => `Discussion de la communauté ${brand}`,
  live: "En direct",
  online: (n) => `${n.toLocaleString("fr")} en ligne`,
  reconnecting: "Reconnexion…",
  connecting: "Connexion…",
  messages: "Messages",
  listKeys: "Flèches haut et bas pour passer d’un message à l’autre, gauche et droite pour les boutons d’un message.",
  empty: "Aucun message pour l’instant. Posez la première question !",
  yourMessage: "Votre message",
  placeholder: "Posez votre question…",
  placeholderReply: "Écrivez votre réponse…",
  hint: "Entrée pour envoyer · Maj+Entrée pour aller à la ligne",
  send: "Envoyer",
  sending: "Envoi…",
  counter: (n, max) => `${n} / ${max}`,
  counterOver: (over) => `${over} caractères de trop`,
  reply: "Répondre",
  replyingTo: (name) => `Réponse à ${name}`,
  cancelReply: "Annuler la réponse",
  earlierMessage: "un message précédent",
  helpful: (n) => (n > 0 ? `Utile · ${n}` : "Utile"),
  helpfulLabel: (n) => `Marquer comme utile (${n} pour l’instant)`,
  report: "Signaler",
  reportTitle: "Pourquoi signalez-vous ce message ?",
  reasons: { spam: "Spam ou publicité", abuse: "Insultant ou haineux", off_topic: "Hors sujet", competitor: "Fait la promotion d’un concurrent", other: "Autre chose" },
  cancel: "Annuler",
  reported: "Merci, nos modérateurs vont regarder.",
  reportedHidden: "Merci. Le message est masqué le temps que notre équipe l’examine.",
  reportedHiddenStaff: "Le message est masqué pour tout le monde dès maintenant, comme pour tout signalement de modérateur. L’équipe le confirmera ou le rétablira.",
  signIn: "Se connecter",
  signInToVote: "Connectez-vous pour marquer une réponse comme utile.",
  unmuted: "Vous pouvez de nouveau écrire.",
  held: "En attente de modération",
  heldHelp: "Vous seul voyez ce message tant qu’un modérateur ne l’a pas validé.",
  hidden: "Ce message est masqué le temps que les modérateurs l’examinent.",
  you: "vous",
  badges: { moderator: "Modérateur", expert: "Expert", manager: "Équipe" },
  team: "Équipe",
  teamLabel: "Message officiel de l’équipe de la marque",
  pinned: "Épinglé",
  pinnedLabel: "Message épinglé",
  pinShow: "Afficher le message épinglé",
  pinHide: "Replier le message épinglé",
  pinnedNow: (text) => `Message épinglé : ${text}`,
  frozen: "La discussion est mise en pause par les modérateurs. Vous pouvez toujours la lire.",
  slowMode: (s) => `Mode lent : un message toutes les ${s} s.`,
  slowWait: (s) => `Mode lent : vous pourrez écrire à nouveau dans ${s} s.`,
  restrictedBanner: "Tout le monde peut poser une question ici ; les réponses viennent de nos experts et modérateurs.",
  restrictedReply: "Seuls les experts et les modérateurs répondent dans cet espace. Vous pouvez poser votre propre question ci-dessous.",
  shield: "Cette discussion est en mode protégé.",
  shieldMember: "Les nouveaux messages s’affichent après lecture par un modérateur.",
  shieldGuest: "Connectez-vous pour participer ; vous pouvez continuer à lire en attendant.",
  cleared: "Les modérateurs ont effacé cette discussion.",
  newMessage: (name, text) => `${name} : ${text}`,
  guest: (n) => `Invité ${n}`,
  approved: "Votre message a été validé et il est maintenant visible par tous.",
  removedOwn: "Un modérateur n’a pas publié l’un de vos messages.",
  ended: "Votre session de discussion est terminée.",
  alert: "Alerter l’équipe",
  alertNote: "Qu’est-ce qui pose problème ?",
  alertSent: "L’équipe a été alertée.",
  close: "Fermer",
  openChat: "Discuter avec la communauté",
  illegal: {
    entry: "Signaler un contenu illicite",
    title: "Signaler un contenu illicite",
    intro: "Dites-nous pourquoi ce message vous semble contraire à la loi. L’équipe de la communauté l’examinera et vous informera de sa décision.",
    category: "De quel type de contenu illicite s’agit-il ?",
    choose: "Choisir…",
    categories: DSA_WORDS_FR,
    explanation: "Pourquoi est-ce illicite ?",
    explanationHelp: "Expliquez avec vos mots ce qui est illégal dans ce message.",
    name: "Votre nom",
    email: "Votre e-mail",
    optional: "(facultatif)",
    emailHelp: "Uniquement pour vous contacter au sujet de ce signalement.",
    goodFaith: "Je confirme que les informations de ce signalement sont exactes et complètes, à ma connaissance, et que je signale de bonne foi.",
    submit: "Envoyer le signalement",
    sending: "Envoi…",
    needCategory: "Choisissez le type de contenu illicite.",
    needExplanation: "Expliquez pourquoi le message est illicite.",
    badEmail: "Cette adresse e-mail ne semble pas correcte.",
    needGoodFaith: "Cochez la case pour confirmer que vous signalez de bonne foi.",
    received: "Merci, votre signalement a bien été reçu. L’équipe de la communauté va examiner le message et vous informera de sa décision.",
    receipt: "Votre reçu (gardez-le pour suivre votre signalement) :",
    follow: "Suivre votre signalement",
    close: "Fermer",
    decided: (d) => (d === "removed"
      ? "Votre signalement a été examiné : le message a été supprimé."
      : "Votre signalement a été examiné : l’équipe a jugé le message licite et l’a conservé."),
  },
  errors: {
    invalid_payload: () => "Cela n’a pas fonctionné. Merci de réessayer.",
    unknown_tenant: () => "Cette discussion n’est pas correctement configurée.",
    origin_not_allowed: () => "La discussion n’est pas disponible sur ce site.",
    invalid_token: () => "Votre connexion a expiré. Merci de recharger la page.",
    unauthorized: () => "Connectez-vous pour faire cela.",
    forbidden: () => "Vous n’avez pas le droit de faire cela.",
    not_found: () => "Ce message n’est plus disponible.",
    not_in_room: () => "Vous avez quitté cette discussion ; rechargez la page pour la rejoindre.",
    invalid_room: () => "Cette discussion n’existe pas.",
    message_too_long: (c) => (c.maxLength ? `Votre message est trop long (${c.maxLength} caractères au maximum).` : "Votre message est trop long."),
    empty_message: () => "Votre message est vide.",
    room_frozen: () => "La discussion est en pause : les nouveaux messages ne sont pas acceptés pour le moment.",
    answers_restricted: () => "Seuls les experts et les modérateurs répondent dans cet espace. Vous pouvez poser votre propre question.",
    rate_limited: (c) => `Vous envoyez des messages trop vite. Réessayez dans ${secs(c)} s.`,
    slow_mode: (c) => `Le mode lent est activé : attendez ${secs(c)} s avant votre prochain message.`,
    banned: (c) => (c.until ? `Vous êtes banni de cette discussion jusqu’à ${fr.time(c.until)}.` : "Vous êtes banni de cette discussion.") + (c.reason ? ` Motif : ${c.reason}` : ""),
    muted: (c) => (c.until ? `Vous ne pouvez plus écrire jusqu’à ${fr.time(c.until)}. Vous pouvez toujours lire la discussion.` : "Vous ne pouvez plus écrire pour le moment. Vous pouvez toujours lire la discussion.") + (c.reason ? ` Motif : ${c.reason}` : ""),
    ip_blocked: () => "Votre réseau est bloqué pour cette discussion.",
    too_many_connections: () => "Trop de connexions depuis votre réseau. Fermez quelques onglets puis rechargez.",
    shielded: () => "Cette discussion est en mode protégé : connectez-vous pour participer.",
    content_blocked: () => "Votre message a été bloqué par nos règles de communauté. Merci de le reformuler.",
    store_unavailable: () => "La discussion rencontre un problème. Réessayez dans un instant.",
    internal: () => "Une erreur est survenue de notre côté. Merci de réessayer.",
    conflict: () => "Quelqu’un l’a déjà fait.",
    timeout: () => "Pas de réponse de la discussion. Vérifiez votre connexion et réessayez.",
    disconnected: () => "Vous êtes hors ligne. Votre message partira dès le retour de la connexion.",
  },
  time: (at) => clock("fr")(at),
  notice: {
    open: (n) => (n ? `Avis (${n} nouveau${n > 1 ? "x" : ""})` : "Avis"),
    title: "Avis de modération",
    intro: "Pourquoi un de vos messages, ou votre compte, a été restreint, et comment contester.",
    empty: "Vous n’avez aucun avis.",
    kinds: {
      message_removed: "Votre message a été supprimé",
      message_hidden: "Votre message a été masqué",
      message_rejected: "Votre message n’a pas été publié",
      banned: "Vous avez été exclu du chat",
      muted: "Vous avez été rendu muet",
    },
    fresh: "Nouveau",
    yourMessage: "Votre message",
    why: "Pourquoi",
    category: "Catégorie",
    rule: "Règle appliquée",
    terms: "Les règles de la communauté",
    termsPlain: "Les règles de la communauté de ce chat",
    law: "La loi (contenu illicite)",
    decision: "Décision",
    decidedBy: (auto, detect) => (auto ? "Automatique, par un filtre ou un nombre de signalements, sans intervention humaine"
      : detect ? "Prise par une personne, après une détection automatique" : "Prise par une personne"),
    until: "Jusqu’au",
    permanent: "Définitive",
    appeal: "Contester",
    appealUntil: (when) => `Vous pouvez contester cette décision jusqu’au ${when}.`,
    appealLabel: "Pourquoi cette décision devrait-elle être revue ?",
    appealHint: (max) => `Un responsable de la communauté la lira. ${max} caractères au maximum.`,
    appealSend: "Envoyer ma contestation",
    appealEmpty: "Expliquez en quelques mots pourquoi vous contestez la décision.",
    appealSent: "Contestation envoyée. Un responsable de la communauté va l’examiner ; la réponse s’affichera ici.",
    reversed: {
      message_removed: "Votre contestation a été acceptée : votre message a été rétabli.",
      message_hidden: "Votre contestation a été acceptée : votre message a été rétabli.",
      message_rejected: "Votre contestation a été acceptée : vous pouvez publier votre message à nouveau.",
      banned: "Votre contestation a été acceptée : l’exclusion a été levée.",
      muted: "Votre contestation a été acceptée : vous pouvez écrire à nouveau.",
    },
    upheld: (note) => `La décision a été maintenue : ${note}`,
    appealClosed: "Le délai pour contester cette décision est passé.",
    arrived: (kind) => `Avis de modération : ${kind}. Ouvrez les avis pour en lire la raison.`,
    decided: "Un responsable de la communauté a tranché votre contestation.",
    loadFailed: "Vos avis n’ont pas pu être chargés. Rechargez la page.",
  },
};

const GENERATED_GUEST = /^Guest (\d{1,4})$/;

/** A display name in the reader's language: only the server's generated guest names are translated. */
export function displayName(t: WidgetStrings, author: { name: string; role: string }): string {
  const m = author.role === "guest" ? GENERATED_GUEST.exec(author.name) : null;
  return m ? t.guest(m[1]!) : author.name;
}

export function strings(lang: Lang): WidgetStrings {
  return lang === "fr" ? fr : en;
}

/** A human sentence for any error code, even one this build does not know yet. */
export function describeError(t: WidgetStrings, code: string, c: ErrorContext = {}): string {
  const fn = (t.errors as Record<string, ((c: ErrorContext) => string) | undefined>)[code];
  return (fn ?? t.errors.internal)(c);
}

import { describe, expect, it } from "vitest";
import { normalize } from "../../server/filters/normalize.ts";
import { createProximityScorer, type ProximityWords } from "../../server/filters/proximity.ts";
import type { FilterHit } from "../../server/filters/types.ts";
import { describeHeldAndClean, type HeldAndClean } from "./held-and-clean.ts";
import { demoFilters, heldByRules } from "./demo-filters.ts";

/**
 * Issue 25: the proximity stage (server/filters/proximity.ts, config/lexicons/proximity-<lang>.json)
 * holds wordings no template names, from classes of words standing near each other. These lines
 * were written for this test, not taken from a corpus; each category's traps use the same words
 * innocently, as shoppers do.
 */
const f = demoFilters();
const hits = (text: string): FilterHit[] => [...f.words(text), ...f.links(text)];
/** The hits the proximity rules gave (their detail is the rule's name, "category: …"). */
const ruleHits = (text: string) => f.words(text).filter((h) => /^[a-zA-Z]+: /.test(h.detail));

const CASES: HeldAndClean = {
  threat: {
    held: [
      "say that again and I'll snap your neck", "I'm going to stab you next time I see you", "I'll be waiting outside your place with a bat",
      "nice car you've got, would be a shame if something happened to it tonight", "you'll be leaving that store in a body bag",
      "je te poignarde si je te croise", "tu vas finir aux urgences si tu continues", "je t'attends à la sortie avec un couteau",
      "on va te fracasser le crâne", "fais gaffe à ta voiture cette nuit", "one day someone's going to slash your tires",
      "they'll find you in a ditch", "je viens avec une batte chez toi", "jsais où tu habites",
      // A meeting announced and what it will cost; a bullet for someone; an address easy to find.
      "continue et je débarque, tu rigoleras moins", "on t'attend à la fermeture, tu vas déguster",
      "t'inquiète on va se revoir et tu riras plus", "say it to my face irl and see if you walk out in one piece",
      "meet me in the parking lot, you won't be laughing then", "someone needs to put a bullet through that scammer",
      "quelqu'un devrait lui mettre une balle à ce vendeur", "je sais où vous habitez, toi et ta famille",
      "your address isn't hard to get, just so you know", "ton adresse est pas dure à trouver",
      "continue à m'insulter et tu verras ce qui va t'arriver", "un jour on se croisera et là on rigolera plus", "you better hope we never meet",
      "someone should teach that cashier a lesson she won't forget", "tu mériterais une bonne correction", "you deserve a good slap",
      "si jte chope tu vas chialer", "ta fille va morfler", "black women are too loud and ghetto",
    ],
    clean: [
      "this serum will kill your acne in a week", "tea tree oil kills your breakouts overnight", "this primer is going to break your bank",
      "punch up your look with a bold red", "smash your skincare goals with our new kit", "Beat your face with a damp sponge",
      "You're killing it with these new shades", "I'm not going to hurt you", "I work at the hospital, can you recommend a gentle hand soap?",
      "ce gommage va tuer tes points noirs", "je me suis cassé un ongle en ouvrant la boîte", "fais attention à toi et à ta peau cet hiver",
      "mes ciseaux à ongles sont cassés, vous en vendez ?", "je vais te trouver une meilleure teinte", "un vrai casse-tête ce site",
      "this heat will kill you, bring SPF", "I'm going to strangle my cat, she knocked the palette over", "la batte de baseball de mon fils a taché le tapis",
      "je passe chez toi ce soir avec le gâteau, tu vas pas aimer, tu vas adorer", "see you at closing time, bring friends for the sale!",
      "see you after the show, hope the parcel arrives in one piece", "je te retrouverai la référence, ce qui t'arrive est fréquent avec cette crème",
      "cette harissa arrache la gueule", "your address isn't showing on the order page",
      "on va se revoir en boutique, le vendeur va pas aimer que je rende tout",
      "continue à utiliser ce sérum et tu verras ce qui va t'arriver : une peau parfaite", "tu mérites une bonne leçon de maquillage mdr",
      "you need a punch of color on those lips", "do your kids walk home alone from school? mine too",
      "je te retrouve en boutique samedi, tu vas pleurer de joie", "je te retrouve samedi au salon, tu vas pleurer devant les prix",
      "ton fils va payer pour la livraison ?", "ta voiture va souffrir avec ce sel sur les routes", "black women are underrepresented in shade ranges",
      "on va se retrouver sur le stand, tu verras bien ce qui t'arrive avec les échantillons", "tu mérites une bonne claque de fraîcheur avec ce parfum",
      "you deserve a slap-up treat after that week", "il te faudrait une bonne raclée de soins ce week-end mdr",
    ],
  },
  hate: {
    held: [
      "immigrants are all thieves and should be deported", "women are too stupid to run a company", "chinese people are dirty",
      "les étrangers sont tous des voleurs", "les gitans volent tout ce qu'ils touchent", "les musulmans devraient rentrer chez eux",
      "les roms faut surveiller leurs poches", "jews run this site, that's why",
      "les arabes ça vole tout", "les handicapés servent à rien", "les vieux devraient crever", "muslims are breeding to replace us",
    ],
    clean: [
      "les femmes enceintes peuvent-elles utiliser ce sérum ?", "les hommes devraient aussi prendre soin de leur peau",
      "women with dry skin should try the rich cream", "old people deserve good skincare too", "men can use this moisturiser too",
      "les commentaires racistes sur les arabes sont inadmissibles", "les hommes devraient pouvoir trouver du maquillage facilement",
      "les handicapés ont droit à la livraison gratuite ?",
      "les femmes, surveillez vos sacs dans le métro", "women own this look",
      "les gays own this look",
      "les hommes ne savent pas se maquiller, voici un tuto", "women are a joke in this game",
      "les femmes savent rien faire sans leur mascara mdr",
      "mon chat c'est un voleur, ça vole tout sur la table", "ce sérum sert à rien sur les peaux grasses, les femmes enceintes peuvent ?",
    ],
  },
  selfHarm: {
    held: [
      "just go hang yourself already", "starve yourself a bit more and you might look decent", "you should just slit your wrists",
      "à ta place je me pendrais", "tu devrais sauter d'un pont", "arrête de manger et tu seras enfin mince", "avale tous tes cachets et bon débarras",
      "grab some rope, do everyone a favour", "swallow all the pills, nobody would notice", "achète une corde, ça rendra service à tout le monde",
      "mets-toi une balle, on sera tranquilles",
      "go starve, fatty, it suits you",
    ],
    clean: [
      "It pills under makeup if you use too much", "I skip meals when I'm busy, does that affect my skin?", "I cut my hair short, any styling cream?",
      "if I were you I'd go for the lighter shade", "à ta place je prendrais la teinte claire", "tu peux sauter l'étape du tonique si tu veux",
      "ces comprimés de collagène, tu les prends comment ?", "the climbing harness fits snug, rope not included",
      "cut deeper into the crease with a darker shade", "take all the samples you want",
      "achète une corde à sauter, ça te fera du bien", "ouvre la fenêtre et respire, ça te fera du bien", "the rope light is all you need for your vanity",
      "do everyone a favor and buy the bigger bottle", "prends une balle de tennis pour masser tes pieds, ça te fera du bien",
      "une corde pour étendre le linge, c'est tout ce qu'il te faut", "prends des cachets de magnésium, ça te fera du bien",
      "la javel c'est tout ce qu'il te faut pour les pinceaux", "take your pills, it'll help",
    ],
  },
  sexual: {
    held: [
      "I want to lick you all over", "send me pics of your tits", "I'm so horny looking at your profile pic",
      "j'ai envie de te lécher partout", "montre moi tes seins", "essaie la nuisette et envoie moi la photo",
      "I'd love to get you alone in that fitting room", "let me be the one to take that bra off", "je te ferais bien des choses dans la cabine",
      "any ladies up for nsa fun tonight?", "coquin cherche échange de photos hot", "cherche des filles pour photos coquines ce soir",
      "how much for a lick?", "une gâterie contre un code ?",
      "je te paierais pour te voir en string",
      "viens dans ma voiture je te ferai du bien", "vends moi ta culotte",
    ],
    clean: [
      "your lips look amazing in that gloss", "send me a pic of your swatch", "this bra is so comfy I sleep in it",
      "tes lèvres sont superbes avec ce rouge", "envoie-moi une photo de ta peau après le soin", "montre moi la couleur sur ta main",
      "sur les photos la mannequin en bikini porte quelle taille ?", "send me a pic of the bra label so I can check the size",
      "envoie moi la photo du string que tu as reçu, on vérifie la taille",
      "on viendra tous les deux ce soir à la boutique", "retire le soutif du panier, je le prends pas", "you can take off the cap and swatch it",
      "just the two of us at the store tonight, come over for the sale!",
      "anyone know if the hookup for the shower filter fits?", "the brand has the hookup on discount codes tonight",
      "la nuisette sexy est dispo ce soir en boutique ?", "échange de photos avant/après de ma routine, qui veut ?",
      "see you in the thong section lol", "j'aimerais te voir en robe rouge pour Noël",
      "casual fun makeup look for tonight", "looking for a hookup cable for my curling iron",
      "viens en boutique je te ferai plaisir avec une remise",
    ],
  },
  contact: {
    held: ["add me on snapchat, same username", "message me on whatsapp for a better price", "ajoute moi sur insta, même pseudo qu'ici", "wsp moi au zéro sept douze", "retrouve moi sur le réseau à l'oiseau bleu", "mon num: 0б 4З l2 88 3О"],
    clean: [
      "I saw this on instagram, is it in stock?", "follow the brand on tiktok for tutorials", "je l'ai vu sur insta, il est dispo ?",
      "the snapchat filter is fun, same username as the brand?", "la marque est sur insta, écrivez moi si vous voulez le lien",
      "un inconnu voulait mon snap en privé, je l'ai signalé",
      "l'appli verte de la marque a un bug", "retrouve moi sur la page de la marque",
    ],
  },
  harassment: {
    held: [
      "found your address, see you soon", "I'm sending your posts to your boss", "je vais poster ta photo et ton nom partout sur le site",
      "I'll make sure everyone knows what you did", "je vais dire à tout le monde ce que t'as fait",
      "with that gut no wonder the jeans split", "regarde-le avec son double menton qui donne des conseils", "mdr on lui a dit mille fois, elle pige rien",
      "I'll send your ex screenshots of everything you post", "ton ex va adorer les captures de tes commentaires, je lui envoie",
    ],
    clean: [
      "found your shop on instagram, nice products!", "saw you at the mall launch, your stand was great", "je te suis depuis des années, tes tutos sont top",
      "keep posting swatches, your kids will love them", "send the invoice to your husband if he pays", "tell everyone about our sale!",
      "everyone knows what you mean, this formula is the best", "tout le monde saura bientôt que cette crème est la meilleure",
      "with those legs no wonder the dress looks amazing on you", "no wonder my thighs chafe in these leggings",
      "those thighs lol the leggings ripped at the seam, bad quality", "mon tel il capte rien mdr", "je capte rien à ce tuto mdr",
      "ton patron va adorer ce cadeau", "ta voix dans la vidéo est trop douce",
      "elle capte rien la box mdr", "send it to your ex as a gift lol", "show your boss these comments, they're so sweet",
      "with that belly no wonder she's pregnant congrats", "envoie le lien à ton patron pour ton cadeau",
      "ton patron va voir tes messages sur Teams ?", "ton ex va adorer tes photos de vacances",
    ],
  },
};

describeHeldAndClean("proximity rules, %s", CASES, hits);

/**
 * The corpus-7 round's families, in wordings of this test's own (not the corpus's lines), each
 * with the shopper talk that uses the same words innocently.
 */
const ROUND7: HeldAndClean = {
  "threats through friends, family and a named address": {
    held: [
      "mes cousins vont venir chez toi ce soir, tu vas comprendre", "my boys will pay you a visit real soon", "some friends of mine will come to your house tonight",
      "ta mère va le regretter, crois-moi", "tes gosses vont trinquer", "ton adresse est bien 4 avenue Foch ? Je passe ce soir",
      "your address is 22 Baker street right? see you soon",
    ],
    clean: [
      "mes potes vont passer chez toi récupérer le colis", "my friends will come to your place for the party", "my friends will find you a better shade",
      "ta mère va payer la livraison ?", "ta famille va adorer ce coffret", "ton adresse c'est bien 12 rue des Lilas ? Le livreur passe demain",
      "your address is wrong on the order, we'll ship tonight",
    ],
  },
  "harassment: bodies against advice, pestering, shaming by screenshot": {
    held: [
      "avec ce physique elle ose donner des conseils minceur mdr", "at your weight you have no business reviewing swimsuits", "lol this whale giving fashion tips",
      "réponds moi. pourquoi tu m'ignores ??", "I'll keep texting you until you reply", "je vais te spammer tant que tu me réponds pas",
      "we screenshotted your profile to laugh at you in the group chat", "j'ai fait des captures, on va bien se moquer de toi sur le serveur",
    ],
    clean: [
      "with skin like yours you should be giving skincare tips!", "avec ce physique de rêve elle donne des conseils top", "la meuf du SAV vient donner des conseils super utiles",
      "pourquoi tu réponds pas au mail ? réponds moi stp service client", "why are you ignoring me? answer my emails about my order", "keep messaging the support until they answer",
      "j'ai fait une capture de ton avis, trop utile, je l'ai partagée dans le groupe", "I screenshotted your review and sent it to the group chat, everyone loved it",
    ],
  },
  "hate: groups thrown out, the kitchen, coded groups": {
    held: [
      "les romanos dehors", "immigrants out", "muzzies go home", "go back to the kitchen and make me a sandwich",
      "this brand is owned by the globalists", "cette marque est financée par les sionistes", "ta place est à la cuisine ma grande",
    ],
    clean: [
      "les migrants dorment dehors, c'est triste", "trans women out there are brave", "immigrants out of work need help",
      "I'm going back to the kitchen to get my face mask", "this brand is owned by L'Oréal now", "on va faire la vaisselle avec ce nouveau liquide vaisselle",
    ],
  },
  "sexual: mouths, undressing, nothing else, grooming": {
    held: [
      "ta bouche est faite pour sucer", "strip for me and get on all fours", "déshabille-toi et allonge-toi sur le lit",
      "how old are you? we could keep it our little secret", "tu as quel âge ? on peut se voir en secret, je t'offre des cadeaux",
      "this is our little secret, just you and me, I'll buy you gifts", "jte sucerais bien", "those lips were born for blowjobs",
    ],
    clean: [
      "my lips suck up every gloss", "enlève tout le maquillage et montre moi ta peau", "je te verrais bien porter ce rouge, rien d'autre ne t'ira mieux",
      "how old are you? your skin looks amazing, what serum?", "t'as quel âge ? ta peau est parfaite, c'est quoi ton secret ?", "je prépare un cadeau en secret pour ma femme",
      "notre secret beauté : le sérum en cure, toi et moi on adore", "sex of the baby is a surprise, buying gifts with me", "le sexe du bébé, on le saura ce soir",
      "the cast iron rooster cock on the gate rusted", "cock a doodle doo, the alarm clock I ordered is loud", "the ball cock in the cistern is stuck",
      "Ferme-la et prends mes sous, ce gloss est parfait", "tais-toi et prends tout mon argent, cette collection est folle",
    ],
  },
};

describeHeldAndClean("corpus-7 round, %s", ROUND7, hits);

/**
 * The corpus-8 round's families, in wordings of this test's own, each with the shopper talk that
 * uses the same words innocently.
 */
const ROUND8: HeldAndClean = {
  "threats: found by name or photo, what a dare costs, people one knows, the way home": {
    held: [
      "on va te retrouver, ta vraie photo suffit", "one more word and you'll be drinking through a straw", "I'll break every bone in your body",
      "je connais du monde dans ta ville, tu vas pas dormir tranquille longtemps",
      "fais gaffe quand tu rentres ce soir", "watch your back on your way home",
    ],
    clean: [
      "je connais du monde qui adore cette crème", "I know people who swear by this serum", "I know people who love it, you won't be disappointed",
      "we'll find you a shade, just send your profile pic", "on va te trouver une teinte, promis",
    ],
  },
  "harassment: voices and faces, wits, pestering, laughing at her, thread ruiners": {
    held: [
      "ta voix sur ta vidéo donne envie de se percer les tympans", "avec ton QI de poulpe tu devrais même pas commenter", "her face could curdle milk lol",
      "look at his review pic, absolute goblin", "je te relancerai jusqu'à ce que tu répondes", "I've messaged you 10 times, I'll keep going until you reply",
      "screenshot his post so we can laugh at him on reddit", "you ruin every thread you post in", "tu pourris chaque discussion avec tes pavés",
    ],
    clean: [
      "no cream can fix this, sadly my skin is too dry", "look at this absolute unit of a serum", "with that face you could be a model",
      "Ma fille rigole de lui quand il se maquille", "tu gâches tout ton produit si tu en mets trop", "if you use too much you ruin everything",
      "C'est moi ou le mode d'emploi est complètement débile ?", "the new checkout is so stupid, three clicks for nothing",
      "Quelqu'un m'a écrit « t'es qu'une conne » en privé, je le signale aux modérateurs", "A user called me \"a stupid cow\" in the chat, reporting it to the mods",
    ],
  },
  "hate: costs, illnesses, animals, where they come from, what they can't do": {
    held: [
      "les trav c'est des malades mentaux", "ces singes ont tout cassé, normal vu d'où ils viennent", "les handicapés coûtent une blinde, nos impôts y passent",
      "black people can't drive", "r3tards shouldn't be allowed online", "these apes wrecked the store, typical of where they come from", "islam is a cancer",
    ],
    clean: [
      "ces singes au zoo sont trop mignons", "les femmes qui ont des chiens", "les femmes apportent beaucoup à la société", "mes enfants sont malades",
      "les musulmans font le ramadan, la marque propose un coffret", "l'islam interdit-il ce produit ?", "islam and skincare: is this halal?",
    ],
  },
  "self-harm: in your life, poisons ordered, die alone, quotas": {
    held: [
      "si j'avais ta vie je me serais foutu en l'air, t'attends quoi ?", "with your life I'd have killed myself already, what are you waiting for", "crève. saute du toit", "scarifie-toi",
      "bois ton produit ménager", "chug the drain cleaner", "1000 calories max sinon tu restes une grosse", "eat 500 calories a day or you'll stay fat",
    ],
    clean: [
      "mon fils a avalé du dissolvant, que faire ?", "ne bois pas le dissolvant", "my kid swallowed some bleach, help", "bois beaucoup d'eau",
      "crève l'écran cette couleur", "Crève de jalousie, j'ai eu le dernier", "meurs de rire",
    ],
  },
  "sexual: toys, teeth, touching on camera, ages in years, acts for a code": {
    held: [
      "raconte moi en détail ce que tu fais avec ton gode", "tell me in detail what you do with that vibrator", "je veux te l'arracher avec les dents",
      "I'll rip it off you with my teeth", "on pourrait se toucher en webcam", "let's touch each other on facetime", "t'as 13 ans ? on garde ça entre nous",
      "you're only 14? nobody has to know, just between us", "suce pour un code promo", "I'd suck for a promo code", "tu veux voir ma q.u.e.u.e ?",
    ],
    clean: [
      "le gode nettoyant visage vibre trop fort", "j'ai enlevé le bouchon avec les dents", "I opened the blister pack with my teeth",
      "on peut se toucher un mot en visio demain ?", "touch up your makeup on video call", "I can touch up on cam before the live",
      "tu as 30 ans ? c'est pas grave, cette crème marche à tout âge", "tu veux voir ma queue de cheval ?", "ma queue est trop longue à la caisse",
    ],
  },
  "contact: model codes are no phones": {
    held: ["tel-0612345678", "appelle au06 12 34 56 78", "zéro6 12 34 56 78"],
    clean: ["Model number XK-0612-3345, is it the new one?", "réf AB0612345678 toujours en rupture ?"],
  },
};

describeHeldAndClean("corpus-8 round, %s", ROUND8, hits);

/**
 * The corpus-9 round's families, in wordings of this test's own, each with the shopper talk, banter and
 * self-mockery that use the same words innocently.
 */
const ROUND9: HeldAndClean = {
  "threats: found by your looks, what you leave in, your car, your kin paying for your words": {
    held: [
      "je sais à quoi tu ressembles, fais attention ce soir", "I know what you look like, see you around",
      "tu repartiras sur un brancard si tu reviens", "tu sors les pieds devant, crois-moi", "je vais cramer ta caisse", "on va éclater ta vitrine",
      "I'm smashing your face in if I see you again", "tes gosses vont payer pour tes commentaires", "your kids will pay for what you wrote",
      "sé où tu bosses, attention",
    ],
    clean: [
      "tu sais à quoi tu ressembles avec ce rouge ? une star", "let me know what you look like in it!", "tu repars avec un échantillon offert",
      "tu sors la nouvelle collection quand ?", "j'ai cassé ma caisse enregistreuse", "la caisse était fermée",
      "your mom will pay for your order, right?", "tes parents vont payer pour ta commande ?", "I'm breaking in my new shoes",
      "I'm breaking my bank on this sale",
    ],
  },
  "harassment: age, size, voice, looks, spelling, clothes, purchases, dismissal, condescension, pestering": {
    held: [
      "laisse parler les grands, mamie", "tais-toi papy", "shut up boomer", "this forum isn't for old farts",
      "même une housse de couette te couvrirait pas", "le gros qui ose demander du S", "lol look at this weirdo trying to return a used lipstick",
      "with those cankles I'd skip the ankle boots", "ta petite voix de crécelle me saoule", "no wonder nobody replies to you",
      "pas étonnant qu'aucun mec te calcule", "your selfie made me want to puke", "t'es le plus gros bouffon du salon",
      "you're the biggest clown on this forum", "get a life, loser", "va toucher l'herbe", "go touch grass", "touch grass", "ta vie est vide",
      "your life is so sad lol", "who asked lol", "nobody cares about your opinion", "ratio", "t'es tellement gênante", "imagine being this broke",
      "you dress like a hobo", "t'es habillée comme un sac à patates", "t'as l'air d'une serpillère", "apprends à écrire", "retourne au collège",
      "ton orthographe me pique les yeux", "learn to spell lol", "can you even read?", "your grammar is atrocious", "imagine wearing that lmao",
      "sweetie, the adults are talking", "t'as rien compris ma pauvre", "qui t'a demandé ?", "t'es qui pour juger", "retourne jouer à tes poupées",
      "go play with your toys", "tu t'es fait arnaquer comme un pigeon", "je vais continuer à t'écrire toute la journée",
      "I'll keep messaging you all day", "answer me. answer me.",
    ],
    clean: [
      "je suis le plus gros pigeon de l'année, j'ai payé plein pot", "I'm the biggest idiot on this forum, forgot my code again",
      "I need to touch grass, been scrolling sales all day", "my life is so sad without this serum lol",
      "ta vie doit être compliquée en ce moment, courage", "who cares if the box is dented, the product is fine",
      "nobody asked me if I wanted the upgrade", "you look like a kid in a candy store", "you look like a 20 year old, what's your routine?",
      "look at this clown costume, perfect for halloween", "my cankles hate these boots", "ma voix de crécelle le matin, désolée",
      "cette robe on dirait ma grand-mère", "j'ai l'air d'un clown avec ce blush", "apprends-moi à faire un smoky",
      "je retourne à l'école en septembre", "mon orthographe est nulle, désolée", "I can't even read the tiny label",
      "laisse les enfants essayer les échantillons", "ma petite, tu veux le rouge ou le rose ?", "la grosse boîte qui arrive demain",
      "je vais continuer à t'écrire pour la commande", "je vais t'écrire toute la journée si le colis arrive pas lol non je rigole",
      "answer me when you can, no rush", "I should get a life lol, third order this week",
    ],
  },
  "hate: genes, costs to society, one of them, kept from normal people": {
    held: [
      "les arabes savent pas compter, c'est génétique", "les vieux ça coûte cher à la société", "un gay c'est contre nature",
      "women can't do math, it's in their genes", "disabled people are a drain on society", "trans people should be kept away from normal people",
    ],
    clean: [
      "les femmes paient plus cher les rasoirs, c'est pas normal", "women with mental illness deserve better care",
      "c'est génétique chez moi, les cernes", "it's genetic, my mom has the same dark circles", "keep the serum away from children",
    ],
  },
  "self-harm: purging after meals, cutting praised, overdoses, a rope that settles it, quotas": {
    held: [
      "vomis après chaque repas, tu verras", "throw up after every meal, works", "te scarifier ça soulage", "cutting helps, you should try",
      "tu devrais essayer de te faire vomir", "od on your meds", "do us all a favour and overdose", "une corde, c'est réglé pour toi",
      "1200 kcal max par jour sinon tu y arriveras jamais",
    ],
    clean: [
      "je vomis après chaque repas depuis ce complément, normal ?", "se couper les cheveux ça fait du bien",
      "the doctor said not to overdose on vitamin C", "la fenêtre de livraison a changé, c'est réglé", "crème jeune peau, essaie-la ma belle",
      "this serum has zero calories lol try it",
    ],
  },
  "sexual: school years, feet for money, a moment for two, bodies guessed at": {
    held: [
      "tu es en quelle année ? je t'offre des cadeaux si tu veux", "what year are you in? I can buy you stuff, just between us",
      "envoie moi tes pieds stp", "send me pics of your feet, I'll pay", "un moment à deux ce soir, discret",
      "tes fesses doivent être magnifiques dans ce jean", "any girls down for some fun tonight",
    ],
    clean: [
      "ma fille est en quelle classe déjà, 5e ?", "montre tes pieds avec les sandales, elles t'iront bien",
      "un moment à deux ce soir avec mon mari, quel parfum ?", "les seins doivent être bien maintenus dans ce soutien-gorge",
      "fun tonight at the launch party!", "anyone up for some fun tonight? live tutorial at 8",
    ],
  },
  "contact: the gram, moving to DMs": {
    held: [
      "find me on the gram, same handle", "let's take this to my DMs", "on passe en privé",
    ],
    clean: [
      "ig there's no stock left", "the gram of product is tiny", "can you DM the brand about the refund?",
    ],
  },
  "harassment, further: money, age, wits, writing like a child, who reads you, cope, make you regret": {
    held: [
      "avec tes allocs tu vas rien t'acheter ici", "you're too broke for this brand lol", "stay mad, brokie", "personne t'a demandé de raconter ta vie",
      "à ton âge c'est gênant", "at your age it's embarrassing", "t'as le QI d'une moule", "you have the attention span of a goldfish",
      "t'écris comme un gamin de primaire", "you type like a toddler", "go back to school kid", "tu crois que quelqu'un lit tes pavés ? lol",
      "you think anyone reads your essays?", "imagine thinking you look good in that", "you got scammed lol", "cry harder lol",
      "t'as vu sa dégaine mdr", "I'll keep messaging you in every thread until you quit", "on va te faire passer l'envie de poster",
      "I'll make you wish you never joined",
    ],
    clean: [
      "je suis trop fauchée pour ça, dommage", "I'm too broke for this brand lol", "à ton âge tu devrais essayer la crème anti-rides, elle est top",
      "I have the attention span of a goldfish today", "back to school sale starts monday", "go back to school shopping after lunch",
      "do you think anyone reads the reviews before buying?", "oh no, you got scammed? send the order number to support",
      "t'as vu sa tête quand elle a ouvert le cadeau ?", "I'll keep posting tutorials every day!", "I'll make you a playlist for the launch",
    ],
  },
};

describeHeldAndClean("corpus-9 round, %s", ROUND9, hits);

/**
 * The corpus-10 round's own lines, by family, each with the traps that share its words: the
 * tuner's self-mockery ("I sound like a dying goose when I sing", "I've been spamming this thread"),
 * a parent's "mature pour son âge", a dress held by "brides", an ad seen on Instagram.
 */
const ROUND10: HeldAndClean = {
  "threats: the slap I should have given, getting stabbed, the parking lot, a helmet": {
    held: [
      "j'aurais dû t'en coller une l'autre jour", "j'aurais dû te casser la gueule au magasin", "la prochaine fois je t'en colle une",
      "you're getting stabbed next time", "you'll be getting beaten up after work", "better bring a helmet next time",
      "you're gonna need a body bag",
    ],
    clean: [
      "j'aurais dû t'en parler avant, désolée", "la prochaine fois je t'en mets un échantillon de côté", "you're getting jumped ahead in the queue? lucky", "you'll need a helmet for the bike tour",
      "my brother will wait for you at the pickup point", "bring a helmet, the bike lane is rough", "you're getting punch cards at the till now",
    ],
  },
  "harassment: no cream will save that face, rags and prunes, sounding like a goose, spamming, look how stupid": {
    held: [
      "vu ta tête aucune crème peut rien pour toi", "t'as que ça comme pull la clocharde ?", "on dirait un pruneau mdr", "with a face like yours nothing can help you",
      "skin like that, not even botox could save you", "you sound like a strangled cat", "tu chantes comme une casserole lol",
      "you've been spamming this thread all day", "tu spammes le salon depuis ce matin", "look how dumb this girl is",
      "regardez comme elle est bête", "get lost loser",
    ],
    clean: [
      "cette crème va te sauver la peau cet hiver", "c'est trop tard pour commander avant Noël ?", "I sound like a dying goose when I sing lol",
      "I've been spamming this thread all day, sorry", "je spamme le salon depuis ce matin, pardon", "look how cute this girl is in the ad",
      "regardez comme elle est belle cette palette", "my parcel got lost, help", "with skin like mine nothing can help, any tips?",
      "this serum can help you with dark spots", "les pruneaux c'est bon pour la peau ?",
    ],
  },
  "hate: coded 'chances pour la France', slurs as makers, groups who will steal": {
    held: [
      "merci aux chances pour la France, encore un colis volé", "fabriqué par des chintoks, évidemment", "les gitans vont encore voler les vélos",
    ],
    clean: [
      "il y a des chances pour la France de gagner ce soir ?", "il reste encore des chances pour la France de se qualifier", "une robe tenue par des brides fines", "fabriqué par des artisans en Provence",
      "les colis vont encore arriver en retard", "j'ai peur qu'on vienne voler les colis devant ma porte",
    ],
  },
  "self-harm: better off dead": {
    held: ["tu serais mieux morte", "t'serais bien mieux sous terre"],
    clean: ["tu serais mieux avec la teinte claire", "je serais mieux morte de rire qu'avec ce mascara"],
  },
  "sexual: underwear described, made horny, who wants some, mature for your age": {
    held: [
      "décris-moi ta petite culotte", "what colour thong are you wearing rn", "describe your panties to me", "tu portes quelle culotte là ?",
      "ta photo me fait bander", "your pics make me so horny", "qui veut baiser ce soir", "who wants to fuck tonight", "t'es très mature pour ton âge",
      "you're so mature for your age", "your lips are perfect for other stuff",
    ],
    clean: [
      "décris-moi la texture de la crème", "what colour lipstick are you wearing today?", "describe your skin type please",
      "quelle culotte menstruelle tu conseilles ?", "ce mascara me fait pleurer", "who wants to join the live tonight?",
      "qui veut sucer un bonbon à la menthe ?", "ma fille est très mature pour son âge", "my daughter is mature for her age",
    ],
  },
  "contact: a group of my own on a network": {
    held: ["join my telegram channel for deals", "rejoignez mon groupe facebook pour les bons plans"],
    clean: ["I saw the ad on Instagram so I ordered here", "j'ai vu une pub sur insta, du coup je commande ici", "did you join the brand's facebook group?", "rejoignez le groupe de la marque"],
  },
};

describeHeldAndClean("corpus-10 round, %s", ROUND10, hits);

/**
 * The corpus-12 round's own lines, by family, each with the traps that share its words: a shopper
 * getting a refund or spoiled for Christmas, a bike sold without tyres, a friend looking after the
 * children, a parcel that won't stay intact with this courier, "I'm dead mate 😂", threats and
 * orders quoted while reporting them, a snap-on case, product codes beside a number.
 */
const ROUND12: HeldAndClean = {
  "threats: someone getting stabbed, 'you're dead mate', no tyres by morning, doxxing, 'ou je m'occupe de toi', a car that won't stay whole, 'on verra si tu fais le malin', a little visit": {
    held: [
      "pull up to the Leeds store tonight and somebody's getting shanked", "people are gonna get beaten up at that meetup", "ur dead mate, trust me", "you're dead pal",
      "your van won't have any windows by morning", "your shop won't have windows tomorrow", "i'm gonna doxx you tonight", "on va te doxxer",
      "je vais balancer ton adresse", "retire ton avis sinon je vais m'occuper de tes enfants", "arrête ou on s'occupe de toi",
      "ta vitrine va pas rester intacte longtemps", "ta bagnole risque de pas rester entière cette nuit",
      "ta caisse est garée devant le tabac hein. elle va pas rester entière", "je vais t'attendre en bas samedi, on verra si tu fais encore la maligne",
      "some friends of ours will pay you a little visit", "your car is parked on Oak Road right? it won't stay in one piece",
    ],
    clean: [
      "someone is getting a refund today", "somebody's getting spoiled this Christmas", "someone is getting shot for the new lookbook",
      "you're dead right mate, the blue is nicer", "I'm dead mate 😂 this review", "your bike won't have tyres, they ship separately",
      "the car won't have tyres fitted until Monday", "how do I stop people trying to doxx me?", "je vais donner ton adresse au livreur ?",
      "je m'occupe de ta commande tout de suite", "je peux m'occuper de tes enfants samedi si tu veux", "mon colis va pas rester intact longtemps avec ce transporteur",
      "ce vase va pas rester entier longtemps avec mon chat", "ta voiture est garée où ? je passe te déposer le colis",
      "je vais t'attendre devant le magasin, on fait les soldes ensemble ?", "some friends are coming to visit the shop",
      "your car is parked outside? the courier will come by",
    ],
  },
  "harassment: get her banned, ignore her until she leaves, nothing will fit you, watched passing by, how old to write like that, people like you scorned, 't tro nul pr', 'tubby is asking'": {
    held: [
      "lets get this clown banned from the chat", "we need to get him kicked out", "let's all ignore him till he logs off", "on la ghoste jusqu'à ce qu'elle se casse",
      "allez on lui parle plus à celle-là", "aucun maillot ne t'ira avec ton physique", "nothing will ever look good on you lol",
      "keep walking like that when I'm watching you", "dance for me when I'm watching", "je te vois passer tous les soirs devant ma fenêtre",
      "I see you walk past my house every night", "how old are you to type like this", "t'as quel âge pour réagir comme un gamin",
      "ppl like u who return everything are pathetic", "des gens comme toi, franchement, c'est pitoyable", "t tro bete pr lire une notice",
      "tubby is asking about XXL again lol",
    ],
    clean: [
      "let's get him a gift for his birthday", "let's get the bots banned", "if a bot spams you, just ignore it until it leaves",
      "on l'ignore jusqu'à ce que le colis arrive ?", "le vendeur ? on lui répond plus, il est en vacances", "rien ne t'ira mieux que ce bleu",
      "nothing will fit you better than the medium", "I cry every time when I'm watching this ad", "I always snack when I'm watching.",
      "I see you went for the green one", "je te vois passer sur le chat, coucou", "how old are you supposed to be to use retinol?",
      "t'as quel âge pour porter ce parfum ?", "people like you make this chat fun", "les gens comme toi ne sont pas pitoyables, au contraire",
      "c'est trop nul pour le prix", "omega fatty acids in this serum?",
    ],
  },
  "hate: groups bringing crime or in the way, 'of course the … guy', 'typical …', who can't behave, 'votre race pollue', misgendering, slowing everyone down": {
    held: [
      "migrants bring crime wherever they go", "these people from africa bring disease", "wheelchair users should just stay out of the way",
      "of course the muslim family complains about the price", "such a gypsy move", "les roms savent pas se tenir en magasin", "leur engeance pourrit tout",
      "une trans en robe ça reste un homme", "les handicapés encombrent les rayons", "trans women will always be a man in a dress",
      "the disabled slow everyone down at the tills",
    ],
    clean: [
      "these new arrivals bring joy", "immigrants bring amazing food", "wheelchair users should find the ramp by the door",
      "shoppers should stay out of the way of the forklift", "of course the black dress sold out first", "a typical gypsy skirt pattern",
      "les débutants savent pas toujours s'occuper de leur peau", "ta race de chat perd ses poils ?", "les handicapés ont enfin un rayon adapté, ça reste un bon début",
      "a man in a dress walked the runway for this brand", "les cartons encombrent les rayons",
    ],
  },
  "self-harm: better if you didn't wake up; threats and orders quoted while reporting them": {
    held: [
      "everyone would be happier if you just died", "la terre serait meilleure si t'existais pas", "go hang yourself, \"reviewer\"",
    ],
    clean: [
      "my skin would be better if I didn't wake up at 5am", "le monde serait meilleur sans plastique", "someone wrote \"go hang yourself\" under my review, reported",
      "on m'a écrit « je vais te retrouver » en MP, je le signale", "Quelqu'un a dit « va te jeter d'un pont » à ma fille, signalé aux modos",
    ],
  },
  "sexual: what else lips are good for, a price for the night, aroused by your pictures, a private show on cam, body parts 'à croquer'": {
    held: [
      "lips like that I can think of what else they'd be good for", "ta langue, je sais à quoi d'autre elle servirait mdr", "how much for the night with you?",
      "c'est combien la nuit avec toi ?", "i'm so hard looking at your pics", "je mouille en regardant tes photos", "do me a private strip on cam",
      "fais-moi un strip en webcam", "tes fesses sont à croquer",
    ],
    clean: [
      "this oil for lips, I know what else it's good for: cuticles!", "cette huile je sais à quoi d'autre elle sert : les cheveux",
      "how much for a night at the partner hotel?", "c'est combien pour une nuit d'hôtel avec le pack spa ?", "the mascara got hard over time",
      "the clay got hard looking at it sitting out", "the private show on Saturday is for loyalty members", "le défilé privé en boutique samedi, qui vient ?",
      "tes photos sont à tomber",
    ],
  },
  "contact: digits glued to number words; a snap-on case": {
    held: [
      "appelle le 0sept 12 34 56 78", "mon num 0six12 34 56 78",
    ],
    clean: [
      "the 2in1 palette and the 4ever gloss, 12 34 56 78 views lol", "commande 0six 23 45 67 89 toujours pas livrée",
      "does the snap-on case fit the camera? add to basket",
    ],
  },
};

describeHeldAndClean("corpus-12 round, %s", ROUND12, hits);

/**
 * Homonyms that a blind batch of 400 innocent shopper lines (corpus-shoppers-2.tsv) showed the
 * rules holding: 9 of 400 at first run (birds, a British pudding and dish, a dog breeder's bitch,
 * a mooring bollard, a loaf of bread, a nasal aspirator, a complaint about a service). Allowed as
 * phrases, or by an innocent neighbour; the words stay held where they are abuse. Lines of our own.
 */
const HOMONYMS: HeldAndClean = {
  "birds, food, dogs, boats, bread": {
    held: ["you're a stupid bitch", "nice tits, send pics", "suck my dick loser", "espèce de bâtard", "shut up faggot", "t'as vu les bites sur ce forum"],
    clean: [
      "do you sell pussy willow cuttings for the garden?", "spotted dick and custard, a proper British pudding",
      "we saw a blue tit at the feeder this morning", "are these nest boxes the right size for coal tits?",
      "faggots and peas for tea tonight, old school", "our bitch is in season, is this collar adjustable?",
      "je cherche une bite d'amarrage pour mon bateau", "le pain bâtard est-il tranché ?",
    ],
  },
  "complaints about a service, things you suck on": {
    held: ["your face is a joke lol", "lol your voice is a joke", "I want you to suck it tonight"],
    clean: [
      "your delivery service is a joke honestly, three weeks late", "the customer service is a joke, nobody answers",
      "this nasal aspirator you suck on works better than the bulb one", "a straw you suck on, reusable, any colours?",
    ],
  },
};
describeHeldAndClean("homonyms, %s", HOMONYMS, hits);

/**
 * The corpus-14 round's own lines, by family, each with the traps that share its words: threats,
 * "kys" and contact requests told to someone and reported (a phone number given stays held), a
 * quotation in single marks, hugging someone ("se pendre au cou"), a courier asked for an address,
 * a spam bot reported until banned, a size that fits "better", a number counted aloud.
 */
const ROUND14: HeldAndClean = {
  "reported, not said: threats and 'kys' told to someone, a quote in single marks, 'traité de', a contact request reported (a number stays held), 'se pendre au cou'": {
    held: [
      "'you'll regret this' is all I have to say, I'll kill you", "message me on telegram for the cheap price, don't report me",
      "someone gave me this number 06 12 34 56 78 to buy outside the site, I reported it", "il m'a traité de menteur, alors va te pendre",
    ],
    clean: [
      "a guy messaged me 'I'm going to kill you' after my one-star review, reported to the mods", "a user told my daughter to kys on her post, the mods removed it",
      "quelqu'un m'a dit d'aller me pendre sous ma photo, c'est signalé", "un vendeur m'a demandé de passer sur whatsapp pour payer moins cher, je l'ai signalé",
      "someone asked me to text them on snapchat for a discount, reported them", "une dame l'a traitée de « sale arabe » à la caisse, honteux",
      "he called her a dirty immigrant in front of everyone, disgusting", "j'avais envie de me pendre au cou du livreur quand il est enfin arrivé",
    ],
  },
  "threats: the canal or a car boot, fire to your shop, pray I don't find you, a brick through the window, shooting the place up, glassed, we'll find you and your street, your child alone, just saying": {
    held: [
      "tu vas finir au fond du canal toi", "je fous le feu à ton garage si tu continues", "qu'elle prie pour que je la croise pas en ville",
      "ta devanture risque de se prendre une brique", "je reviens et je flingue tout le monde", "tu vas te prendre un coup de bouteille",
      "on va te retrouver, on a vu ta plaque", "ta fille rentre seule du collège le soir hein, on sait jamais",
      "you'll end up at the bottom of the canal", "I'll set your van on fire", "he'd better pray I never find him",
      "a brick through your shop window tonight maybe", "next time I'll shoot up the whole branch", "you're getting glassed at the pub",
      "you're getting bottled next time", "your son walks home alone at night, right? anything could happen",
    ],
    clean: [
      "tu vas finir par adorer ce coffret", "on va mettre le feu au dancefloor samedi", "ce rouge met le feu à ta bouche", "prie pour que le colis arrive avant Noël",
      "ta voiture risque de prendre un caillou sur l'autoroute", "you'll end up buying the whole range lol", "this red will set your look on fire",
      "pray we never run out of this serum", "we shot the whole store for the new lookbook", "you're getting bottled water with your order",
      "je vais te retrouver ta commande, donne-moi ton adresse", "ta fille va adorer ce coffret, je dis ça je dis rien",
      "does your daughter walk home from school alone? mine does, she loves this backpack",
    ],
  },
  "harassment: Québécois, Belgian and southern insults, 'je te surveille', 'I'm watching you', put the fork down, so fat lol, she thinks a size will fit her, with those legs I wouldn't, seen somewhere and coming back, reported by all until gone": {
    held: [
      "tabarnak de gnochon, lis la description", "t'es rien qu'un niaiseux", "mange donc de la marde", "espèce de fada va", "quel snul celui-là",
      "je te surveille de près ma belle", "I'm watching you 👀", "have you considered putting the fork down", "he's so ugly lmao",
      "she thinks a size 10 will fit her lol", "with those thighs I wouldn't be wearing leggings", "avec tes cuisses je mettrais pas de short",
      "arrête de t'empiffrer", "ma pauvre t'es moche", "t'as déjà pensé à arrêter de bouffer ?", "elle croit que le 40 va rentrer sur elle mdr",
      "I saw you at the gym yesterday. You didn't see me though", "je t'ai vue au marché samedi, je repasserai", "let's all report her until she's banned",
      "signalez la jusqu'à ce qu'elle se casse",
    ],
    clean: [
      "maudit que c'est beau", "une cave à vin pour Noël ?", "c'est un peu niaiseux comme question mais la crème se met avant le sérum ?", "je surveille ta commande",
      "I'm watching your tutorial right now", "have you tried not eating dairy for your skin?", "she thinks the size 10 will fit her better",
      "with those legs you should totally wear shorts!", "I saw you at the launch, you looked amazing, I'll be there again next year",
      "spam bot again: report him until he's banned", "c'est un robot, on le signale jusqu'à ce qu'il parte",
    ],
  },
  "hate: a group controlling everything, a group always whining, people from your country born thieves, why hire them, a group scaring customers away": {
    held: [
      "les juifs contrôlent tout, même les banques", "les noirs pleurnichent toujours", "muslims always play the victim", "people from your village are all thieves",
      "pourquoi vous embauchez des arabes en caisse", "immigrants at the till scare customers away", "les gens de ton pays sont tous des voleurs",
    ],
    clean: [
      "les abeilles contrôlent tout dans la ruche", "Black people complain about shade ranges, and they're right", "people from your country are so welcoming",
      "pourquoi vous recrutez pas plus de personnes noires ?", "high prices scare customers away",
    ],
  },
  "self-harm: if I looked like you I'd…, jump off a bridge or a roof": {
    held: [
      "if I looked like you I'd have jumped off a bridge already", "si j'avais ta tronche je me serais pendue", "tu devrais te jeter du haut du toit", "go jump off a cliff",
    ],
    clean: [
      "if I had your skin I'd never wear foundation", "tu devrais sauter du lit plus tôt pour la vente flash",
    ],
  },
  "sexual: more pictures without the panties, bent over the counter, wet reading this, what you're wearing right now, 'cochonne', touching myself reading you, nothing underneath, staff taken in the fitting room": {
    held: [
      "got any more pics without the panties?", "I'd bend you over the checkout", "you'd look so good bent over my desk", "bet you're soaking reading this",
      "i'm jerking off looking at your pics", "what knickers are you wearing right now", "t'as d'autres photos sans le soutif ?",
      "tu dois mouiller en lisant mes messages", "tu portes quelle culotte là maintenant", "t'es une vraie petite cochonne",
      "je me branle en regardant tes photos", "montre moi comment elle te va sans rien dessous", "cette vendeuse, je me la taperais bien",
    ],
    clean: [
      "more photos without the filter please", "I bent over the counter to grab a tester", "bet you're soaking after that storm lol",
      "what bra are you wearing in the photo? I want the same one", "des photos sans retouche svp", "tu mouilles tes cheveux avant de l'appliquer ?",
      "je la prendrais bien en 38", "la vendeuse m'a conseillé une robe, je la prendrais bien",
    ],
  },
  "contact: number words glued to digits, a number spelled out word by word": {
    held: ["texte moi au zéro7 1deux 45 67 89", "call me on four four seven, nine one two, three three eight one", "ring cinq cinq cinq deux un trois huit huit quatre zéro"],
    clean: ["one two three four five six seven eight, who do we appreciate", "I gave it five stars and three more for the packaging, 12 34"],
  },
};

describeHeldAndClean("corpus-14 round, %s", ROUND14, hits);

/**
 * The traps of the blind corpora 16-33 that the rules held, by family, in wordings of this test's
 * own: a doubled vowel that spells a dictionary word ("cook"), insults reported about oneself or
 * said of oneself, "old" before a thing or a hen, affectionate teasing, games and sport, a ride-on
 * toy and a hard case, a company's freephone line; each with the abuse that must stay held.
 */
const ROUND33: HeldAndClean = {
  "a doubled vowel in a dictionary word: 'cook' is no stretched 'cok'": {
    held: ["send me a pic of your cok", "show me that cooock"],
    clean: ["who's going to cook tonight?", "the cook at the café was lovely", "let him cooook"],
  },
  "insults said of oneself or reported about oneself; 'old' before a bag or a hen; teasing with love": {
    held: [
      "you old hag", "shut up you old bat", "silly old bag", "what a moron you are", "la vieille chouette qui répond à côté", "t'es la risee de tout le site",
      "t'es un boulet mais je t'aime pas", "t'es une catastrophe ambulante",
    ],
    clean: [
      "my mum calls me an old bat when I forget my keys", "he keeps calling me a moron because I can't parallel park", "I'm a silly old bag with these apps",
      "je suis une vieille chouette, je ne comprends rien aux applis", "je vais être la risée du bureau avec ce pull", "je suis la risée de mes enfants avec mon téléphone",
      "our old hens stopped laying, any feed tips?", "his old bag fell apart after one term", "my old bag still has the tags",
      "t'es irrécupérable toi, encore un rouge à lèvres", "t'es une catastrophe ambulante en cuisine mais je t'aime quand même", "t'es un boulet en maths mais on t'aime bien",
    ],
  },
  "games and sport, one's own back, a compliment 'in a good way'; property torched": {
    held: [
      "I'll destroy you when I find you", "I'll destroy you in your sleep", "I'm gonna wreck you, you'll see", "je vais te défoncer la face", "je vais lui casser le dos",
      "il va se faire casser les dents", "le gars d'en face va se faire défoncer la gueule", "shame if your van got keyed tonight", "would be a pity if your shop got torched",
    ],
    clean: [
      "I'm going to destroy you at chess tonight", "we'll wreck you in mario kart, bring snacks", "on les a défoncés, l'équipe d'en face n'a rien vu",
      "comment porter lourd sans se casser le dos ?", "this curry is gonna wreck you, in a good way", "what a shame if your order got delayed again",
    ],
  },
  "sexual acts near you: not a ride-on toy or a hard case": {
    held: ["are you hard yet", "I want to ride your face"],
    clean: ["Is your ride-on car suitable for a three-year-old?", "Do you have a hard case for this tablet?", "do you sell hardshell luggage for your cabin size?"],
  },
  "contact: a company's freephone line, when its sentence says so": {
    held: ["ring 0808 157 0192 for cheap designer bags", "appelle le 0 805 12 34 56 pour des prix de gros", "call me on 0800 123 4567"],
    clean: [
      "j'ai appelé le 0 805 12 34 56 hier et personne n'a répondu, c'est vraiment le numéro officiel du service client ?",
      "is 0800 917 2436 the number I should ring if I want to reach the official helpline?",
    ],
  },
};

describeHeldAndClean("corpora 16-33 round, %s", ROUND33, hits);

/**
 * The traps of the blind corpora 53-70 that the rules held, by family, in wordings of this test's
 * own: "sexy" said of a thing for hire and an English "can't" read as the French "t'", "hard",
 * "ride" and "in bed" in everyday use, harm words at the gym, for lice, for a question, the sun and
 * a woodsman's axe, quoted words asked about or overheard, a mishap of one's own, black leaves, a
 * cowboy, a shop's post about its sale, idioms and teasing the templates took for abuse, and words
 * with a second meaning (a soup, a herb, a bird, a fan convention, manure); each with the abuse that
 * must stay held.
 */
const ROUND70: HeldAndClean = {
  "'sexy' said of a thing for hire or sale; an English 'can't' is no French 't''": {
    held: [
      "you're so sexy, do you do private shows?", "t'es trop sexy toi", "ta robe est trop sexy, je veux te l'enlever",
      "I can't stop thinking about licking you", "she has a rack I'd rent for the night",
    ],
    clean: [
      "That convertible is so sexy, do you rent it for proms?", "This aftershave smells so sexy, my husband can't get enough",
      "we need sexy costumes for a 70s party, do you do fancy dress?", "ta veste en cuir est trop sexy, tu l'as achetée où ?",
    ],
  },
  "'hard', 'ride' and 'in bed' in everyday use": {
    held: ["are you hard yet", "you make me so hard", "I want to ride you all night", "let me ride your face", "I want you in my bed", "je te veux dans mon lit"],
    clean: [
      "having a hard day? you deserve a treat", "don't be so hard on yourself, your first loaf was lovely", "I'm hard of hearing, does your doorbell flash?",
      "book your ride early on match days", "I usually ride after dark, do you sell rear lights?",
      "my wife brought me breakfast in bed with your pastries", "petit déjeuner au lit avec vos brioches ce matin, merci",
    ],
  },
  "harm words at the gym, for lice, for a question, in the sun, for firewood; one's own broken arm; 'à deux doigts de'": {
    held: [
      "I'll break your legs", "I'm going to shoot you", "I'll shoot you in the head", "I'll smash your head in", "I'll kill you without a second thought",
      "I'll come at you with an axe", "I've got an axe for you", "il va se faire casser le bras", "je vais te casser le bras",
      "je suis à deux doigts de lui casser les dents", "je vais te casser deux doigts",
    ],
    clean: [
      "smashed arm day today and this shampoo still held up", "does this shampoo kill head lice?", "can I shoot you a quick question about sizes?",
      "the sun here will kill you without sunscreen", "which axe would you recommend for firewood?",
      "ma fille s'est cassé la jambe au ski, elle va bien", "je suis à deux doigts de tout arracher dans ce jardin",
    ],
  },
  "quoted words asked about as a language lesson, or overheard and reported": {
    held: ["I'm going to kill you", "je vais te tuer", "go back to your country", "retourne dans ton pays", "someone should shout \"go back to your country\" at them"],
    clean: [
      "which lesson covers phrases like \"you'll pay for this\"? it's for my novel", "\"je vais te tuer\" en italien, c'est dans quelle leçon ?",
      "I heard someone shout \"go back to your country\" at a bus driver today, awful", "j'ai entendu quelqu'un crier \"retourne dans ton pays\" à la caissière, honteux",
    ],
  },
  "a mishap of one's own, black leaves, a cowboy, a grandmother's kitchen, a shop's post about its sale": {
    held: [
      "ce serait dommage qu'il arrive un accident à ta voiture", "un accident est vite arrivé avec ta voiture", "les noirs sont une maladie",
      "look at you, fat cow lol", "get back in the kitchen where you belong", "I found your facebook, I'll post everything", "add me on facebook, private chat only",
    ],
    clean: [
      "si j'ai un accident avec la voiture de prêt, je suis couvert ?", "les feuilles de mes rosiers sont noires, c'est une maladie ?",
      "ma fille dit que je chante comme un cow-boy lol", "cooking grandma's recipes felt like having her back in the kitchen",
      "a friend shared your Facebook post about the private sale, does it end tonight?",
    ],
  },
  "English templates: a duplicate policed, a shop asked, a match, a nickname, an insult reported about oneself": {
    held: [
      "please stop posting, nobody wants you here", "just stop posting", "do it already, nobody will miss you", "just do it, coward",
      "I'll smash him in the face", "we're gonna smash them in the car park", "call me", "you old fart",
    ],
    clean: [
      "please stop posting the same link in every thread", "I'd kill for this jacket in petite, do you do it?", "we're gonna beat them in the final, no doubt",
      "my grandkids call me \"Nana Biscuit\" and I love it", "a lad at the bus stop called me an old fart, made my day",
    ],
  },
  "French templates: idioms, insults reported about oneself or said of oneself, 'mais t'es mon pote', a time away": {
    held: [
      "je vais me pendre", "je vais me pendre ce soir", "va te pendre", "pends toi au plafond", "tu vas te faire allumer", "tu vas te faire allumer par mes potes",
      "vieux con", "espèce de plouc", "t'es un vieux bouseux", "t'es nul", "t'es un boulet", "t'es nul mais t'es pas mon pote",
      "le clown du groupe est de retour", "disparais", "tu disparais de ma vue",
    ],
    clean: [
      "je vais me pendre à son cou quand il rentre", "je vais me pendre au téléphone avec le service client", "il a sauté au plafond en voyant son cadeau",
      "tu vas te faire allumer par ta mère si tu rentres tard", "on m'a traité de vieux con dans le bus, ça fait mal", "je suis un vieux plouc et fier de l'être",
      "t'es nul aux cartes mais t'es mon pote", "je suis le clown de service au bureau", "tu disparais deux semaines et tu reviens comme si de rien n'était",
    ],
  },
  "words with a second meaning: a soup, a herb, a bird, a fan convention, manure": {
    held: ["suck my cock", "nice tits", "you've got great tits", "espèce de fumier", "ce fumier m'a arnaqué"],
    clean: [
      "is the cock soup mix back in stock?", "does horny goat weed interact with statins?", "great tits and blue tits both use our nest box",
      "see you at comic con!", "is the foam sword con-safe?", "le fumier de cheval, c'est bien pour les rosiers ?",
    ],
  },
};

describeHeldAndClean("corpora 53-70 round, %s", ROUND70, hits);

/** Traps of blind corpora 71-77, fixed by family (lines written for this test); held lines that must stay held beside them. */
const ROUND77: HeldAndClean = {
  "a whole table beaten at a board game": {
    held: ["I'm going to murder you all tonight", "I'll kill you in your sleep", "I'll kill you all"],
    clean: ["I'm going to murder you all at Monopoly on Sunday, bring crisps", "I'll destroy you guys at Scrabble tonight"],
  },
  "self-mockery and teasing between friends (FR)": {
    held: ["quelle idiote", "quelle idiote tu es", "t'es nul", "t'es nul et je t'aime pas"],
    clean: ["quel idiot je suis, j'ai oublié mon code promo", "t'es nul au babyfoot mais je t'aime mon frère"],
  },
  "quoted lyrics asked about as a song": {
    held: ["you're a joke", "t'es qu'un bouffon"],
    clean: ["the lyric \"you're a joke\" is from which song?", "la phrase \"t'es qu'un bouffon\" c'est tiré de quel morceau ?"],
  },
  "NTM the band": {
    held: ["ntm", "ntm espèce de merde"],
    clean: ["je suis fan de NTM depuis 1995, vous avez le vinyle ?"],
  },
  "sewing patterns and bike rides": {
    held: ["let me ride your face", "I want to ride you all night", "you look so sexy in that dress"],
    clean: ["I made the sexy slip dress from your pattern, thanks!", "see you at the group ride on Sunday", "can my daughter ride your bikes on the test track?"],
  },
  "seen the shop's ad": {
    held: ["ajoute moi sur snap, même pseudo", "écris moi sur insta en privé"],
    clean: ["j'ai vu votre pub sur Instagram, je suis passée ici"],
  },
  "advice never to share a number": {
    held: ["I'll share your number everywhere", "I know your address and I'm sharing your number"],
    clean: ["never share your number in chat, use the support form"],
  },
  "an impersonal 'ça te tue les …' (FR)": {
    held: ["je vais te tuer", "je te tue"],
    clean: ["les escaliers de Montmartre, ça te tue les jambes"],
  },
};
describeHeldAndClean("corpora 71-77 round, %s", ROUND77, hits);

/**
 * Traps of wave 6 and round F (corpora 47-52, 90-95) that the rules held, fixed by family in
 * wordings of this test's own: self-mockery with a mild insult, a daft question of one's own, words
 * shouted at a pet, a bird or an object, a parrot's words, a pet's nickname; a quoted title, track,
 * emote or app pop-up; slurs and insults reported to the moderators; teasing with love; "watch your
 * back" when lifting or in a game; a chilli, a backpack, a swingarm; meeting points; shop talk; "I
 * know where you live" explained as the shop's van; a pastry's old name. Held lines beside them.
 */
const ROUND95: HeldAndClean = {
  "self-mockery with a mild insult; 'you must feel like…' stays a jab": {
    held: ["t'es une feignasse", "quel boloss tu es", "t'as l'air d'une andouille", "t'es un vrai boloss", "you must feel like such an idiot now"],
    clean: [
      "je suis un vrai boloss, j'ai oublié mon badge au bureau", "j'étais tellement débile ce matin, j'ai mis du sel dans mon café",
      "j'avais l'air d'une cruche avec ce chapeau de paille", "quelle andouille je fais, j'ai payé deux fois la livraison",
      "je suis une grosse flemmarde ce week-end, je commande en ligne", "missed the bus and left my umbrella on it, feel like such a loser",
      "I feel like such a moron, I wrote the wrong postcode", "as a short arse I always need the petite range",
    ],
  },
  "a daft question or idea, not a person": {
    held: ["t'es débile ou quoi"],
    clean: ["désolée pour ma question idiote, ça passe au lave-vaisselle ?", "absurde cette règle des retours sous 7 jours"],
  },
  "words shouted at a pet, a bird or an object; a parrot's words; a pet's nickname": {
    held: ["ferme-la", "dégage de là sale con", "shut up loser", "go away loser", "ton chien est aussi con que toi"],
    clean: [
      "\"tais-toi !\" c'est ce que je crie à mon réveil tous les matins", "dégage ! c'est ce que je dis aux pigeons sur mon balcon",
      "shut up! is what I yell at my printer every Monday", "notre perruche répète \"ta gueule\" depuis que mon oncle est passé",
      "my parrot keeps saying \"you're a loser\" to the postman", "le chat de mon fils est une vraie andouille, il tombe du canapé",
      "on appelle notre chien Gros Lard depuis Noël",
    ],
  },
  "a quoted title, track, emote or app pop-up": {
    held: ["t'es moche", "nobody likes you", "I know where you live", "\"nobody likes you\" is the last thing you'll read before I find you"],
    clean: [
      "l'emote \"t'es moche\" coûte combien de gemmes ?", "\"Nobody Likes You\" is my favourite track on the album",
      "\"I know where you are\" pops up every time my son shares his location", "\"Ferme-la\" c'est le refrain de leur nouveau single",
    ],
  },
  "slurs, insults and contact requests reported to the moderators": {
    held: ["dehors les arabes", "les roms sont des voleurs", "your kind shouldn't be here", "nobody asked you grandma", "ajoute moi sur snap, même pseudo"],
    clean: [
      "quelqu'un a tagué « dehors les juifs » sur la vitrine, on a porté plainte",
      "the post right above says \"your kind ruins everything\", quoting it so the mods can see",
      "un type m'a demandé en mp d'ajouter son snap pour un prix, je signale", "un client m'a traitée de vendeuse de merde, ça arrive souvent ?",
    ],
  },
  "teasing with love": {
    held: ["t'es une andouille, bisous", "t'es une grosse conne"],
    clean: ["Léa t'es une vraie nouille, t'as encore oublié ta carte fidélité 😂 bisous ma chérie"],
  },
  "'watch your back' when lifting, in a game, a back tyre; 'be careful out there'": {
    held: ["watch your back when you leave work", "watch your back tonight", "be careful when you walk home tonight"],
    clean: [
      "watch your back when you carry the crate upstairs, it's heavy", "watch your back in the new raid, the rogues hide behind pillars",
      "check your back tyre before the ride", "icy pavements this morning, be careful out there",
    ],
  },
  "a chilli that 'tears your mouth off', a bag that breaks your back, a broken swingarm": {
    held: ["je vais te casser le dos", "je vais t'arracher la gueule", "il va t'arracher la gueule"],
    clean: [
      "cette harissa, elle arrache la gueule mais j'adore", "ce sac à dos va vous casser le dos si vous le portez sur une épaule",
      "le bras oscillant de ma moto est cassé, vous l'avez en stock ?",
    ],
  },
  "meeting points for an event, a way home together": {
    held: ["on t'attend à la sortie, tu vas voir", "on se retrouve à la sortie, seul à seul", "on se retrouve dehors après les cours pour régler ça"],
    clean: ["Atelier dimanche : on vous attend devant la boutique dès 10h", "on se retrouve en bas après le match pour rentrer ensemble ?"],
  },
  "shop talk: a boudoir shoot's make-up, a network's content, a cockerel, a floury photo, a duplicate listing, thick glasses": {
    held: ["viens pour un shooting lingerie chez moi", "mon insta c'est lea_b92", "send me a photo of you covered in nothing", "suck my cock you chicken", "please stop posting, nobody wants you"],
    clean: [
      "quel maquillage pour une séance photo boudoir en studio ?", "mon snap c'est que des vidéos de mon potager",
      "ordered poultry and got a cock... a live cockerel, where do I return it?", "love the pic of you covered in flour at the bake sale",
      "stop posting the same listing every hour please", "fini les culs de bouteille grâce aux verres amincis",
    ],
  },
  "'I know where you live', then the joke explained: the shop, its van": {
    held: ["je sais où tu habites", "je sais où vous habitez, votre magasin va brûler", "I know where you live, say hi to your kids"],
    clean: [
      "je sais où vous habitez ! enfin je veux dire votre boutique du centre, merci pour l'accueil",
      "I know where you live 😄 because your van stops at my house every Friday",
    ],
  },
  "a pastry's old name": {
    held: ["sale nègre"],
    clean: ["la tête de nègre de la boulangerie a changé de nom, tant mieux"],
  },
};
describeHeldAndClean("corpora 47-52 and 90-95 round, %s", ROUND95, hits);

/**
 * Traps of rounds G to J (corpora 96-119) that the rules held, fixed by family in wordings of this
 * test's own: insults and slurs reported (what someone shouted or used to say, "m'a traitée de");
 * a quoted name (a book, a colour, a mug, a pastry's old name, renamed); "débile", "nul à chier",
 * "de la merde" said of a thing, a day or a hangover; self-mockery, fondness, a pet or a fictional
 * character; keen on an event ("chaud pour"); a floor plan; the way out of a cinema or a show; a
 * game's jump, a comb's teeth, a nonna, a scarf, a bag of crisps; "watch your back" hauling boxes;
 * waiting outside a shop at opening; a contact request quoted in a scam warning, a calling
 * feature; birds, soups and sausages; "end it all" said of someone one worries about; an
 * unsolicited picture reported and blocked. Held lines beside them.
 */
const ROUND119: HeldAndClean = {
  "insults and slurs reported: what someone shouted, used to say, called me": {
    held: ["vous êtes des bouffons", "t'es qu'une merde", "you're so useless", "les étrangers volent nos emplois"],
    clean: [
      "« bande de bouffons », c'est ce qu'un livreur a crié aux caissières, j'ai trouvé ça lamentable",
      "mon moniteur disait « t'es qu'une merde au volant » et j'ai eu le permis du premier coup",
      "un voisin m'a traitée de pétasse dans l'ascenseur, ça arrive à qui d'autre ?",
      "mon frère me traite de feignasse parce que je commande tout en ligne",
      "« les étrangers volent nos emplois » criait un gars au marché, la honte",
      "\"you're hopeless\" is what my dad used to say, this course proved him wrong",
    ],
  },
  "a quoted name: a book, a colour, a mug, a wine, an old pastry's name": {
    held: ["appelle-moi", "je te retrouverai, tu verras", "sale nègre", "text me"],
    clean: [
      "le coloris « Nuit torride » existe en 38 ?", "le mug « Appelle-moi » est en rupture ?",
      "« Je te retrouverai » est toujours en stock en poche ?", "is \"Text Me Later\" the name of the new lip shade?",
      "le chocolatier a renommé ses « têtes de nègre » en « têtes choco »",
    ],
  },
  // "une semaine de merde", "ce shampoing c'est de la merde", "what a crap day" stay profanity: the
  // round had let them through, but swearing at no one is SPEC §12's profanity, the tenant's call.
  "daft, useless or crap said of a thing, a day or a hangover": {
    held: ["t'es débile", "ta gueule", "t'es nulle à chier", "t'es de la merde"],
    clean: [
      "c'est débile de payer la livraison deux fois", "le simulateur est complètement débile, il bloque à l'étape 3",
      "ces biscuits sont débiles tellement ils sont bons", "ce film est tellement con que ça en devient culte",
      "j'ai posé trois questions bêtes au SAV, ils ont été patients", "cette appli est nulle à chier depuis la mise à jour",
      "j'ai la tête dans le cul, j'ai oublié ma carte", "ta gueule de bois passera mieux avec un café salé",
    ],
  },
  "self-mockery, fondness, a pet or a character": {
    held: ["t'es qu'une feignasse", "you're such a loser", "ton père est un sacré con"],
    clean: [
      "les feignasses comme moi adorent la livraison express", "j'attendais comme une andouille devant la mauvaise caisse",
      "Laurel et Hardy, deux idiots attachants", "my dog is such an idiot, he barks at his own tail",
      "the villain is such a loser in season one", "mon grand-père était un sacré con, mais on l'aimait tellement",
    ],
  },
  "keen on an event; a floor plan": {
    held: ["je suis chaude pour toi", "un plan à trois ce soir ?"],
    clean: ["je suis chaude pour le marché de Noël dimanche, qui vient ?", "un plan à trois chambres pour une famille de cinq, c'est assez ?"],
  },
  "meeting at the way out of a cinema or a show": {
    held: ["on se retrouve à la sortie, seul à seul", "on t'attend à la sortie, tu vas voir"],
    clean: ["on se retrouve à la sortie du cinéma vers 22h ?", "rendez-vous à la sortie de l'expo photo, je vous montre mes tirages"],
  },
  "a game's jump, a comb's teeth, a nonna, a scarf, a bag of crisps": {
    held: ["saute d'un pont", "je vais te casser les dents", "je vais te tuer", "I'll strangle you", "I'll murder you"],
    clean: [
      "mon perso a sauté d'un pont pour semer les gardes", "le peigne à dents fines a cassé au premier démêlage",
      "mets pas de crème dans la carbonara sinon la nonna te tue", "that scarf will strangle you if it catches in the bike wheel",
      "I'm going to murder this bag of crisps tonight",
    ],
  },
  "'watch your back' hauling boxes; waiting outside a shop at opening, at the arrivals": {
    held: ["watch your back tonight", "I'll be waiting outside your house", "I'll be waiting for you after your shift"],
    clean: [
      "watch your back when hauling the boxes up the stairs", "we'll be waiting outside the shop at opening for the new drop",
      "I'll be waiting for you at the arrivals, love",
    ],
  },
  "a contact request quoted in a scam warning; a calling feature; asking here": {
    held: ["ajoute moi sur snap, même pseudo", "text me on whatsapp"],
    clean: [
      "méfiez-vous des faux comptes qui écrivent « ajoute-moi sur snap », c'est une arnaque",
      "beware of anyone writing \"text me on WhatsApp for the deal\", it's a scam", "can you do WhatsApp video calling from a tablet?",
      "je suis sur insta mais je préfère demander ici : la housse passe en machine ?",
    ],
  },
  "birds, cats, soups and sausages; a wine's name": {
    held: ["you prick", "show me your tits", "suck my cock"],
    clean: [
      "the blue tits have moved into the nest box", "cock-a-leekie for lunch, anyone?", "my old pussy cat loves the heated bed",
      "always prick the sausages before grilling", "Fat Bastard wine is on offer this week",
    ],
  },
  "'end it all' said by someone one worries about; a show's fans": {
    held: ["just end it already", "end it all, nobody cares"],
    clean: ["my cousin talks about wanting to end it all, where can she get help?", "just end it already, said every critic of that finale"],
  },
  "an unsolicited picture reported": {
    held: ["envoie une photo de ton sexe", "send me a dick pic"],
    clean: ["j'ai reçu une photo de son sexe sans rien demander, vous pouvez bannir ce compte ?", "got an unsolicited dick pic from a seller, blocked him"],
  },
};
describeHeldAndClean("corpora 96-119 round, %s", ROUND119, hits);

/**
 * Traps of round L and its neighbours (corpora 120-131) that the rules held, fixed by family in
 * wordings of this test's own: an unsolicited picture or a porn link reported ("comment je le
 * signale", "how do I report it"); a handle kept off the chat ("won't share my account here");
 * insults, slurs and taunts quoted and reported ("can mods", "the troll", "against the rules",
 * "please moderate", "me choque", a quote opening inside a phrase: des "idiots"); "I know where you
 * live" explained by a form or a contact page; a challenge at the gym or a game ($game "leg day",
 * "au rameur", "te tuer les cuisses"), walking home together; a door that hit me in the face, a
 * back bumper; banter (a clown at dinner, "tais-toi et mange", "ta gueule et prends mon argent",
 * proud yokels, a dumb thermostat); sausages, manure, garden birds, limescale, a swimsuit that
 * flatters; a device's numbers (a weight it handles, a chip, a part, a private LAN address).
 */
const ROUND131: HeldAndClean = {
  "an unsolicited picture or a porn link reported": {
    held: ["envoie une photo de ton sexe", "send me a dick pic"],
    clean: [
      "un inconnu m'a envoyé une photo de son sexe en MP, comment je le signale ?",
      "a stranger sent me a dick pic in the chat, how do I report it?",
      "le lien de cette annonce mène vers un site porno, je le signale",
    ],
  },
  "keeping one's handle off the chat": {
    held: ["add me on insta", "ajoute moi sur snap"],
    clean: [
      "my baking pics are on insta but I won't share my account here, house rules",
      "je suis sur insta mais je mets pas mon compte ici, c'est la règle",
    ],
  },
  "insults, slurs and taunts quoted and reported to the moderators": {
    held: ["you useless old bat", "nobody would miss you", "jump off a bridge", "gay couples are disgusting", "vous êtes des idiots"],
    clean: [
      "a buyer DM'd me calling me a \"stupid old bat\", can mods step in?",
      "\"nobody would miss you\" is what the troll wrote under her review",
      "\"go jump off a bridge\", a seller told me, surely that's against the rules",
      "someone called the gay couple in the new ad \"gross\", please moderate",
      "le mot « nègre » sur la couverture de ce vieux roman me choque",
      "vous recevez des \"idiots\" en MP ? signalez et bloquez",
    ],
  },
  "'I know where you live' explained by a form or a contact page": {
    held: ["je sais où tu habites", "I know where you live"],
    clean: [
      "je sais où vous habitez, c'est écrit sur votre page contact, vous ouvrez le dimanche ?",
      "\"I know where you live\" is what the booking form asks, right?",
      "je sais où vous habitez, j'ai vu l'adresse sur la page contact : je peux passer ?",
    ],
  },
  "a challenge at the gym or a game; walking home together": {
    held: ["je vais te tuer", "I'll destroy you", "je t'attends à la sortie, tu vas voir"],
    clean: [
      "je t'écrase aux échecs quand tu veux", "cette séance va te tuer les cuisses, promis",
      "I'll destroy you on leg day next week 💪", "je t'attends dehors après le ciné pour qu'on rentre ensemble",
    ],
  },
  "something that hit me; a back bumper": {
    held: ["watch your back tonight", "hit me up on snap"],
    clean: ["the door hit me in the face when I carried the box in", "mind your back bumper, the paint is fresh"],
  },
  "a clown at dinner, 'shut up and take my money', proud yokels, a dumb thermostat, foam": {
    held: ["t'es un bouffon", "tais-toi, t'es qu'un abruti", "ta gueule"],
    clean: [
      "mon neveu fait le bouffon à chaque repas", "tais-toi et bois ton chocolat chaud, c'est le meilleur",
      "ta gueule et prends mon argent, ce canapé est parfait", "nous sommes des ploucs et fiers de l'être",
      "ce thermostat est un vrai crétin, il chauffe la nuit", "cette crème est débile tellement y en a dans le pot",
    ],
  },
  "sausages, manure, garden birds, limescale; a swimsuit's effect": {
    held: ["espèce d'andouille", "t'es qu'un fumier", "show me your tits", "montre moi tes fesses"],
    clean: [
      "l'andouille de Vire est arrivée en boutique ?", "deux brouettes de fumier pour le potager, c'est combien ?",
      "great tits nesting in the hedge again this spring", "go away, mould! any good bathroom spray?",
      "cette jupe me fait des fesses de rêve",
    ],
  },
  "a device's numbers: a weight it takes, a chip, a part, a LAN address": {
    held: ["appelle moi au 06 12 34 56 78", "my insta is @lea_b92", "go to rival.example now"],
    clean: [
      "can the bench handle 150kg, or is that too much?", "le numéro de puce de mon chat est 250268500123456, vous en avez besoin ?",
      "the board's part number is 87161095260, any stockist?", "the printer shows up as 10.0.0.23 on my network",
    ],
  },
};
describeHeldAndClean("corpora 120-131 round, %s", ROUND131, hits);

/** Corpora 132-149's traps, fixed by family (ROUND149): own lines, never the corpora's. */
const ROUND149: HeldAndClean = {
  "a quoted slogan, a play's line or a song asked about (a print, a rehearsal)": {
    held: ["casse toi pauvre con", "t'es qu'un raté", "je vais te crever les yeux", "just end it all"],
    clean: [
      "\"t'es qu'un raté\" c'est une réplique de Molière, on peut l'imprimer ?",
      "\"casse-toi pauvre con\" en t-shirt c'est refusé, pourquoi ?",
      "\"end it all\" is a line in our chorus, is the radio edit fine?",
      "the phrase 'watch your back' sits on the back of the hoodie, it's a pun, please approve",
    ],
  },
  "insults and slurs quoted and reported, or said of oneself": {
    held: ["go away loser", "t'es nul", "grosse vache", "retarded people should stay home"],
    clean: [
      "someone keeps commenting \"go away loser\" on my photos, is there someone I can report to?",
      "un compte qui spamme \"t'es nul\" sous mes avis, vous pouvez le bloquer ?",
      "un client me traitait de \"grosse vache\" en MP, merci pour la suppression",
      "ah la conne, j'ai oublié ma carte fidélité (je parle de moi)",
    ],
  },
  "a route, the wind, a costume prop": {
    held: ["this will kill you", "je vais te tuer", "on va t'arracher la tête"],
    clean: [
      "the route will kill you in winter, take an ice axe", "cette voie va te tuer si tu y vas sans piolet",
      "le vent t'arrache la tente en altitude", "watch your back on the north ridge, the rock is loose",
    ],
  },
  "a pet, a lid, a board game, a jester, a village idiot": {
    held: ["espèce de bouffon", "t'es débile", "quel idiot", "the village idiot is back again, block him"],
    clean: [
      "notre chiot est un vrai clown au parc", "quel idiot ce chat, il s'est coincé dans le carton",
      "ce bouchon est vraiment débile, il fuit", "un costume de bouffon du roi en taille 8 ans ?",
      "do you stock a village idiot outfit for panto?", "les Lapins Crétins en puzzle, c'est dispo ?",
    ],
  },
  "picking up an order, a card game": {
    held: ["I'll be waiting outside your house", "je t'attends à la sortie", "I'm going to destroy you"],
    clean: [
      "I'll be waiting outside the store at 10 to collect my order", "je vous attends devant pour récupérer ma commande demain ?",
      "je vais t'achever avec mon deck dragon jeudi",
    ],
  },
  "an idiom, a mongrel, a stock clearance, a song title, the wrong word": {
    held: ["bande de bâtards", "sale mongol", "les vieux devraient dégager"],
    clean: [
      "prise de tête ce montage, arrête de te prendre la tête", "ma chienne est une bâtarde et fière de l'être",
      "dégagez les vieux stocks avant l'été", "un atelier de chant mongol le samedi ?", "food porn level brunch today",
      "we want something fun but not x-rated for the hen party", "clothing optional beaches near Nice?",
    ],
  },
};
describeHeldAndClean("corpora 132-149 round, %s", ROUND149, hits);

/** Corpora 150-161's traps, fixed by family (ROUND161): own lines, never the corpora's. */
const ROUND161: HeldAndClean = {
  "'I know where you live' taken back: the shop's depot, a form; a chore or a bet; concern for someone": {
    // Concern is a question's whole phrase: "tu vas bien" and "you okay" also start taunts.
    held: ["je sais où vous habitez", "I know where you live", "just end it all", "tu veux mourir ? vas-y saute", "j'espère que tu vas bien te pendre ce soir", "you okay with that, go kill yourself"],
    clean: [
      "je sais où vous habitez... enfin je sais où est votre dépôt de Lyon, ouvert dimanche ?",
      "je sais où vous habitez mdr, le formulaire demande mon adresse pour une carte cadeau ?",
      "I know where you live lol, well where your Leeds depot is, open on bank holidays?",
      "I'm going to kill myself if the ref gives another penalty 😂 I'll live",
      "ready to end it all... with the ironing I mean, three baskets left",
      "j'ai envie de me pendre avec le SAV, une heure d'attente",
      "you want to end it all? are you ok? we're here for you",
      "tu veux en finir ? sérieux ça va ? on est là pour toi",
    ],
  },
  "words reported to the mods or sent to one's child; what the missus says": {
    held: ["nobody would miss you", "kys", "I'll kill you"],
    clean: [
      "thank you mods for removing the \"kys\" reply under my post",
      "\"nobody would miss you\" was sent to my daughter in a DM, I've screenshotted it",
      "\"I'll kill you if you bring home another dog\" says the missus",
    ],
  },
  "a fall, a crash, a machine, worn eyes or back, pills that can hurt you, food, advice": {
    held: ["je vais te casser le bras", "I'll break your ribs", "je vais te flinguer devant chez toi", "I will hurt you", "je vais te tuer", "va te tuer"],
    clean: [
      "ma fille a fait une chute au judo, bras cassé, vous avez des manches larges ?",
      "crashed on a wet descent, broke two fingers, is the helmet still ok?",
      "il s'est fait écraser la main par le vérin, des gants renforcés ?",
      "je me suis flingué le dos devant l'ordi tout le week-end",
      "cheap supplements from random sellers? they can really hurt you, buy from a pharmacy",
      "cette harissa va te tuer, prévois du lait",
      "prends le petit escabeau, sinon tu vas te tuer",
    ],
  },
  "a race among friends, a meeting point (a flea market, a hike, collection)": {
    held: ["je vais te défoncer", "I'm going to destroy you", "I'll hunt you down", "je t'attends à la sortie", "on se retrouve à la sortie", "I'll be waiting outside your house"],
    clean: [
      "je vais te démolir dans la dernière montée samedi 😄",
      "I'll hunt you down on the final climb, bring gels",
      "I'm going to smash you on the sprint at the club ride",
      "on vous attend à la sortie de la brocante dimanche, stand 12",
      "on se retrouve à la sortie du parking à 9h pour la randonnée",
      "we'll be waiting outside the depot at 8 for collection",
    ],
  },
  "a game or rules called dumb, one's own question, self-mockery; a stain, the weather, a calf, a tractor, a dairy cow": {
    held: ["t'es débile", "espèce de tocard", "what a clown", "dégage sale con", "go away loser", "you ugly cow", "you look like a whale lol"],
    clean: [
      "c'est le jeu le plus débile et le plus drôle de la soirée",
      "j'ai posé la question la plus conne du monde au vendeur, il a été adorable",
      "les conditions de retour sont vraiment débiles",
      "tocard moi ? j'ai juste été prudent",
      "c'est toujours moi le boulet du groupe en rando",
      "what an idiot I am, ordered the wrong size twice",
      "felt like a stranded whale after that buffet, you have to try it 😂",
      "dégage sale tache ! voilà ce que je dis à la tache de café",
      "Go away, snow! I need to drive",
      "passer la corde au cou du veau pour le licol",
      "my old Massey is an ugly beast but it runs",
      "which dry cow tubes do you stock for the dairy herd?",
      "\"Saute !\" c'est ce que j'ai crié à ma fille au plongeoir",
    ],
  },
  "an offer's name, a spa's menu, a medicine asked about, a toad, a pheasant, a lens": {
    held: ["nuit torride avec moi ?", "je suis chaude pour toi", "full body massage with happy ending", "so horny right now", "t'as besoin de viagra mon pauvre"],
    clean: [
      "le forfait \"nuit torride\" comprend le petit-déjeuner ?",
      "le massage naturiste de votre spa, c'est quoi exactement ?",
      "je suis chaude pour réserver le gîte",
      "is the sauna clothing optional on Sundays?",
      "can I book the full body massage for two?",
      "horny toads are lizards, right?",
      "is it safe to take viagra with my blood pressure pills?",
      "cock or hen pheasant for the pot?",
      "this lens is pure porn for the eyes",
    ],
  },
  "lottery draws, a frame number; a network named with no contact asked": {
    held: ["appelle moi au 06 12 34 56 78", "text me on 07700 900 123", "ajoute moi sur snap", "add me on insta", "message me on whatsapp"],
    clean: [
      "tirage du loto : 03 11 24 36 48, numéro chance 7",
      "stolen bike, frame number ABC 123 45678, please share",
      "the lottery drew 04 15 22 33 41 tonight",
      "un type sur insta me propose le même sac à 40€, c'est une arnaque ?",
      "is there a discord server for owners of this model?",
      "found your shop through your instagram ads, love it",
      "got a telegram message about a refund, is this legit?",
      "what does \"hmu\" mean? someone wrote it under my review",
      "\"ajoute-moi en privé\" c'est possible ici ?",
      "quelqu'un me harcèle en MP et poste mes captures partout, je peux vous envoyer les captures ?",
    ],
  },
  "a break one takes, grief that is hard": {
    held: ["I'll break you", "I'm so hard for you"],
    clean: [
      "you've done so much this month, take a break if you can",
      "grief is hard, sending you strength",
    ],
  },
  "a cake's old name, an email's subject": {
    held: ["sale nègre", "dernier avertissement avant que je vienne"],
    clean: [
      "ces meringues au chocolat qu'on appelait \"têtes nègres\" autrefois, vous en faites ?",
      "reçu un courriel \"dernier avertissement avant suspension\", c'est du phishing ?",
    ],
  },
};
describeHeldAndClean("corpora 150-161 round, %s", ROUND161, hits);

/** Corpora 168-185's traps, fixed by family (ROUND185): general mechanisms (a report to the moderators, a word mentioned, a joke cut by an ellipsis), own lines, never the corpora's. */
const ROUND185: HeldAndClean = {
  "a report to the moderators quoting or naming the abuse (any sentence of the message), a word mentioned, a message disowned": {
    held: ["t'es qu'un abruti", "you're an idiot", "sale arabe", "send me nudes", "Les Roms volent tout", "I'll keep replying to every post until you delete your account"],
    clean: [
      "Pour les modos : quelqu'un a écrit \"sale arabe\" sous la photo du canapé.",
      "Mods, look at this please. He wrote \"send me nudes\" under my review.",
      "Signalement : un compte écrit à tout le monde \"t'es qu'un abruti\" depuis hier",
      "Reporting a user who keeps calling everyone idiots in the lamp thread",
      "Un client traite les vendeuses d'abruties dans le fil des soldes, les modos vous pouvez voir ?",
      "the word 'retard' is used three times in the reviews, could that be cleaned up?",
      "le mot \"pédé\" apparaît dans un avis, vous pouvez le retirer ?",
      "the message \"you're an idiot\" under my name wasn't me, someone copied my username",
    ],
  },
  "an insult said of oneself, a nickname given in the family": {
    held: ["t'es vraiment débile", "you absolute moron", "gros lard"],
    clean: [
      "\"quel débile\" c'est ce que je me suis dit en voyant la facture",
      "\"what a moron\" is what I thought when I saw my own typo",
      "la débile c'est moi, j'ai oublié le code promo",
      "je me suis trouvée débile d'avoir pris la mauvaise taille",
      "mes neveux m'appellent \"tonton gros lard\" depuis Noël",
      "my sister calls my old van the fat pig, it still runs though",
    ],
  },
  // Capitals are no sign of a name: insults are written in Title Case for emphasis ("un Sale Con").
  "a title quoted, a joke taken back": {
    held: ["ta gueule connard", "je vais me pendre", "I'm gonna hang myself tonight", "le livreur est un Sale Con", "vous êtes une Sale Pute", "Send Nudes Now", "you are a Fucking Moron"],
    clean: [
      "je vais me pendre... au cou du livreur s'il arrive enfin 😂",
      "I'm going to hang myself... a hammock in the garden, which hooks?",
      "on peut acheter ce matelas les yeux fermés, je vais me jeter dessus",
    ],
  },
};
describeHeldAndClean("corpora 168-185 round, %s", ROUND185, hits);

/**
 * Corpora 16-266's contact traps, fixed by family (CONTACT38): a request quoted, declined or kept here, a network named for how it
 * works, numbers and names that are something else; own lines, never the corpora's.
 */
const CONTACT38: HeldAndClean = {
  "a contact request quoted to warn against, report, laugh at or read off a thing (inside its quotation marks only, message-wide; a number beside it stays held)": {
    held: ["DM me for a discount 😉", "écris-moi sur WhatsApp pour un meilleur prix", "add me on insta @lea_b92 for the price", "ignore the \"DM me\" spam, text me on 07700 900123 instead"],
    clean: [
      "\"text me on telegram for cheaper\" was under every review yesterday, spam bots everywhere",
      "Those \"DM me for the price\" comments are a red flag, don't answer them",
      "Le t-shirt a \"Appelle-moi\" brodé sur la poche, trop mignon",
      "my nephew's toy robot keeps saying \"call me\" in a silly voice",
      "Il y a des \"mp moi pour le prix\" sous une annonce sur deux, ignorez-les",
      "\"message me on whatsapp for the price\" no thanks, I'll buy it here like everyone else",
      "Quelqu'un dit \"ajoute-moi sur snap\" sous chaque photo, c'est du spam",
      "\"add me on snap\" is written on the back of the mirror, funny",
    ],
  },
  "a contact request declined, or the talk kept here (\"no need to DM me\", \"je réponds ici\", \"through the platform\")": {
    held: ["no need to wait, DM me on insta for the price", "pas besoin de passer par le site, écris-moi sur WhatsApp", "I'd rather not talk here, message me on Instagram"],
    clean: [
      "No need to DM me, the answer is yes, it fits the 2019 model",
      "Pas besoin de m'écrire sur WhatsApp, je réponds ici : oui il est dispo en 38",
      "Ma voisine m'a installé Telegram mais je préfère commander ici",
      "They told me to message you on Instagram but I'd rather talk here",
      "I don't have Telegram, can the courier text me through the platform?",
    ],
  },
  "a network named for how it works (notifications, an overlay, its reception), \"there is\", others' accounts, a removed message, an account linked to log in": {
    held: ["le site bug ici, donne moi ton WhatsApp", "user lea_b92 on snap, add me", "mon snap c'est lea.b92"],
    clean: [
      "Is there a way to mute Telegram notifications while gaming?",
      "Telegram lags there when the hotel wifi is busy, any tips?",
      "L'icône WhatsApp s'affiche par-dessus la vidéo, c'est réglable ?",
      "Messenger marche mal là-bas, prenez plutôt des SMS",
      "some sellers put their snapchat handle in the listing photos, is that allowed?",
      "Mods: there's a user spamming telegram handles under every listing",
      "Les modos ont supprimé le message du gars qui vendait sur Telegram, merci",
      "J'ai lié mon compte Instagram pour me connecter plus vite, c'est risqué ?",
      "Can I sign in with my instagram account for checkout?",
    ],
  },
  "numbers and names that are something else: \"numéro de\" an offer or a plot, a span of years, a desk's freephone named in another sentence, a frame rate, a promo code, a site's user reported or named in a review": {
    held: ["mon numéro de portable c'est le 06 12 34 56 78", "call me on 0800 123 4567 for trade prices", "ajoute-moi sur snap : lea_b92", "mon tiktok c'est kev_77, écris-moi", "née en 1985, appelle-moi au 06 12 34 56 78"],
    clean: [
      "Le numéro de l'annonce est 582-331-07, elle a disparu de mes favoris",
      "numéro d'emplacement 2018-0392 au cimetière, on peut le renouveler ?",
      "Engraving text please: \"Papa, 1950 - 2022, always with us\"",
      "Does anyone know the customer care hours? The leaflet says ring 0800 123 4567 but nobody answers",
      "Le service client ouvre à quelle heure ? Le dépliant dit d'appeler le 0 805 12 34 56 mais ça sonne dans le vide",
      "Does the webcam do 1440p at 60fps on Twitch?",
      "pour Twitch la 1440p suffit, la 4K c'est trop",
      "le code promo ETE25 sur le tiktok officiel marche encore ?",
      "Modos : l'utilisateur Kev_77 poste son telegram partout, merci de regarder",
      "J'ai laissé un avis avec photos sur la fiche produit, pseudo jardin_lulu, ça peut aider",
    ],
  },
};
describeHeldAndClean("contact round 38 (corpora 16-266), %s", CONTACT38, hits);

/** Corpora 192-209's traps, fixed by family (ROUND209): a company's line, a thing or a situation insulted, an admonition, a negation, an interjection of delight; own lines, never the corpora's. */
const ROUND209: HeldAndClean = {
  "a company's or a public service's line named anywhere in its sentence (never a mobile, never a private call); an order or serial number announced from further back": {
    held: ["appelle-moi au 06 12 34 56 78", "le SAV met trois semaines, appelle-moi plutôt au 01 45 67 89 12", "customer service is useless, call me on 07911 123456"],
    clean: [
      "Le service client de la pharmacie m'a rappelée dans l'heure au 01 42 68 53 00, au top",
      "la hotline du fabricant est ouverte du lundi au vendredi et répond vite au 09 69 39 99 19",
      "Customer service picked up straight away when I rang +44 20 3123 4567",
      "le colis que j'attends depuis lundi a pour numéro 0612345678, c'est normal ?",
      "the serial number on my kettle is 0781 234 5678, is it still covered?",
    ],
  },
  "a site's user name reported to the moderators; a quoted poster, a team's name, a first word, a pride pin": {
    held: ["ajoute-moi sur snap : lea_b92", "passe sur whatsapp, les modos suppriment tout", "ta gueule connard", "Ferme-La Sale Con", "sale gouine"],
    clean: [
      "Modos, le pseudo \"vendeur_pro33\" spamme tous les fils, vous pouvez regarder ?",
      "Reporting the username gadget_king77, he has been spamming every thread",
      "j'ai offert le poster \"Ferme ta gueule\" à mon frère pour son bureau",
      "our darts team is called \"The Absolute Idiots\", can you print it on shirts?",
      "\"tais-toi\" c'est le premier mot de mon neveu, il le dit au chat",
      "the \"Proud Dyke\" enamel pin, is it back in stock?",
    ],
  },
  "an insult of a thing or of oneself, a situation (\"C'est con, …\")": {
    held: ["cette vendeuse est débile", "T'es Vraiment Débile", "le livreur est un Sale Con", "C'EST TROP CON", "c'est trop con", "ce serait con qu'il arrive quelque chose à ta voiture", "T'ES QU'UN GROS CON", "ce livreur est un vrai Débile"],
    clean: [
      "cette imprimante est vraiment débile, elle bourre à chaque page",
      "l'alarme fait un bruit débile à 6h",
      "quelle idiote, j'ai oublié mon mot de passe",
      "C'est con, j'ai raté la livraison d'une heure",
      "pas pour faire mon chieur mais le colis a 2 semaines de retard",
    ],
  },
  "admonitions and negations, a dose asked about, not all of a group": {
    held: ["t'es vraiment conne", "you're an idiot", "kill yourself", "go back to your country"],
    clean: [
      "arrêtez de traiter les caissières d'abruties, elles font leur travail",
      "don't call the drivers idiots, they're doing their best",
      "ma sœur n'est pas conne du tout, elle a juste mal lu",
      "I would never tell anyone to swallow a bottle of pills",
      "Can you die from taking too much vitamin D? asking for my mum",
      "Not all Muslims are terrorists, my neighbours are the kindest people I know",
    ],
  },
  "an interjection of delight, abuse reported as received": {
    held: ["stfu you moron", "TA GUEULE", "je sais où tu habites", "ta gueule, t'es moche", "STFU YOU IDIOT", "Ta Gueule Sale Conne"],
    clean: [
      "ta gueule, ce rouge à lèvres est une tuerie",
      "stfu these boots are so cute",
      "ma fille a reçu \"t'es grosse et moche\" d'une fille de sa classe, on fait quoi ?",
      "got a message saying \"you're dead\" from a stranger, what should I do?",
    ],
  },
};
describeHeldAndClean("corpora 192-209 round, %s", ROUND209, hits);

/** Corpora 263-266's rule gaps and traps, fixed by family (ROUND266): own lines in the shape of what the rules missed, never the corpora's; the traps next to them keep the same words innocent. */
const ROUND266: HeldAndClean = {
  "a capital I read as an l in a stretched word (\"kiII\"); a slur in the plural or disguised, a slur compound, a dehumanising name; a cat breed, a party": {
    held: [
      "kiII yourseIf loser",
      "go kiII urseIf",
      "sandn*ggers everywhere in this ad",
      "those c00ns again",
      "mud people all over the comments again",
      "sous-race, dégage",
      "des bamboulas dans la pub, sérieux",
      "les noich ils copient tout",
      "c00ns all over the review section again",
    ],
    clean: [
      "our Maine Coon loves this scratching post",
      "is the cat bed big enough for a Maine Coon?",
      "on a fait la bamboula toute la nuit pour son anniversaire",
    ],
  },
  "a threat against the shop or all its staff: a bomb, a fire, broken windows, everyone hunted; a weapon loaded, a funeral to prepare, a date not to be seen, a smile to wipe off; a bath bomb, a glue gun, a knife roll, a stag party": {
    held: [
      "I'm gonna hunt each one of you down",
      "there's a bomb under your warehouse, good luck",
      "il y a une bombe dans le magasin de Nantes",
      "we'll torch your shop tonight",
      "je vais tous vous massacrer au SAV",
      "on va incendier votre magasin",
      "je vais péter la vitrine demain",
      "I'm going to smash the windows of your store",
      "I'll set you on fire",
      "prepare your coffin",
      "prépare ton cercueil",
      "you won't live to see next week",
      "tu verras pas la fin de la semaine",
      "my glock is loaded",
      "mon calibre est chargé",
      "I'll run you over with my van",
      "sinon je viens te supprimer",
      "I'm coming for you and your family",
      "I'll find you wherever you live",
      "I'll hurt the next cashier I see",
      "I'll wipe that smile off your face",
      "toi et ta famille vous allez payer",
      "il repartira pas vivant",
    ],
    clean: [
      "this palette is the bomb, it's in the Lyon store now",
      "the bath bomb from the Nantes shop smells amazing",
      "y a une bombe de laque dans le magasin ?",
      "je vais vous traquer les meilleures promos de l'été",
      "I'll run you over the sizing options tomorrow",
      "my glue gun is loaded with the new sticks",
      "mon pistolet à colle est chargé",
      "you won't see Christmas stock before November",
      "prépare ton enterrement de vie de garçon avec nos packs",
      "which knife roll would you pick for a culinary student?",
      "rosemary hates wet feet, do you water it daily?",
    ],
  },
  "hate said of a whole group: the only good one dead, each one a criminal, crime and IQ, a genocide denied, a country kept white or for its own, a group banned, kept out, sent home or to hell, named as vermin; a detergent, a museum, a trip home, a song, a comment that helped": {
    held: [
      "the only good jew is a dead one",
      "every muslim in this chat is a terrorist",
      "immigrants commit most crime",
      "blacks have lower IQs",
      "the holocaust is a hoax",
      "keep europe white",
      "deport them all lol",
      "gypsy vermin at the car park",
      "third world scum everywhere",
      "gays will burn in hell",
      "trans women are men",
      "lesbians just need the right man",
      "take that rag off your head",
      "ces rats de migrants devant la boutique",
      "les juifs ont un QI plus bas",
      "la shoah est un mensonge",
      "retourne dans ton pays",
      "rentre chez toi avec ton voile",
      "faut les gazer tous ces arabes",
      "les gays sont des abominations",
      "dehors les métèques",
      "les homos iront en enfer",
      "chinese people are vermin",
      "africans are a lower species",
      "the muzzies are everywhere",
      "ching chong customer service again",
      "Britain for the British",
      "that kid should've been aborted",
      "women shouldn't be allowed to drive",
      "ban muslims from this forum",
      "keep immigrants out of our stores",
      "no jews, no problem",
      "your Pride range is degenerate filth",
      "it's Adam and Eve, not Adam and Steve",
      "on devrait stériliser les trisomiques",
      "les femmes c'est trop bêtes pour la rando",
      "la place d'une femme c'est pas en montagne mais à la cuisine",
      "les portos c'est bons qu'à faire du carrelage",
    ],
    clean: [
      "keep the shirt white with this detergent",
      "every Jewish family I know is a fan of your challah",
      "the holocaust museum in Berlin was moving",
      "la shoah est un sujet qu'on étudie en 3e",
      "rentre chez toi et essaie-la avec un jean",
      "je retourne dans mon pays cet été, la valise tiendra ?",
      "« Le Métèque » de Moustaki passe en boutique, trop bien",
      "le cul noir des tomates, c'est un manque de calcium ?",
      "the Chinese people I met on the trip were lovely",
      "a guide to France for the French-speaking traveller",
      "the comment about the sizing was really helpful",
      "kids shouldn't be allowed to use the climbing wall alone",
      "la place de la femme dans l'alpinisme, un super livre",
    ],
  },
  "incitement to self-harm in slang (\"neck\", \"sudoku\", \"rope\", \"uninstall\" yourself) and in French (\"mets-toi une balle\", \"kill toi\", \"affame-toi\"); roping in on a glacier, a birthday cake, nails to cut, bleach kept away": {
    held: [
      "neck yourself",
      "sudoku yourself lol",
      "go rope yourself",
      "uninstall yourself",
      "ppl like you should commit suicide",
      "go overdose already",
      "have a toaster bath",
      "just drink bleach",
      "if you died nobody would notice",
      "self harm is so aesthetic",
      "mets-toi une balle",
      "va te trancher les veines",
      "les gens comme toi devraient se pendre",
      "kill toi",
      "affame-toi",
      "your existence is a mistake, fix it",
      "ton existence est une erreur, corrige-la",
      "va te faire sauter le caisson",
      "t'oses même pas te suicider",
      "n'oublie pas de te couper ce soir",
      "you look like you give good head",
    ],
    clean: [
      "rope yourself to the anchor before the traverse",
      "don't forget to cut the cake tonight",
      "n'oublie pas de te couper les ongles avant d'essayer les gants",
      "never drink bleach, keep it away from kids",
      "se couper les cheveux c'est la meilleure façon de changer de tête",
    ],
  },
  "sexual requests: nudes traded or sold, a part shown, legs spread for someone, a strip-tease, worn underwear sold, someone seen out of their clothes, a sex act named; a squat stance, nude shades, used boots, a long queue, a view enjoyed": {
    held: [
      "spread your legs for me babe",
      "show me ur tits",
      "send nudes",
      "nudes for a promo code?",
      "trade spicy pics?",
      "selling my worn panties",
      "do me a lap dance",
      "your avatar makes me so horny",
      "the cashier is so fuckable",
      "handjob for a voucher?",
      "any milfs around?",
      "je veux te sodomiser ce soir",
      "montre tes nichons",
      "ouvre tes cuisses",
      "écarte les jambes pour moi",
      "fais-moi un strip-tease",
      "vends mes culottes portées",
      "t'as l'air d'une chaudasse",
      "qui veut parler cochon avec moi ce soir",
      "baise-moi",
      "on échange des photos coquines ?",
      "are you actually dumb or just lazy",
      "qu'on baise ce soir",
      "slt dispo pour un plan q ?",
      "j'ai joui en lisant ta description",
      "j'aimerais te voir sans ton uniforme",
      "I'd love to see her out of that dress",
      "wanna get naughty later?",
      "bet she's a freak in bed",
      "I wish I was the strap between your boobs",
      "film yourself trying on the bodysuit just for me",
      "selling pics of me in my underwear",
      "I'll show you mine if you show me yours",
    ],
    clean: [
      "spread your legs shoulder-width for the squat",
      "écarte les jambes à largeur d'épaules pour le squat",
      "the nude shades in this palette are gorgeous",
      "which nudes for fair skin?",
      "selling my used hiking boots, size 42",
      "une grosse queue à la caisse ce matin",
      "j'ai joui d'une vue superbe depuis le refuge",
      "see you out of office on Monday",
      "the spice rack is the freak of the kitchen",
    ],
  },
  "harassment by a fixed phrase: asked if stupid, the most annoying, dropped on the head, a mental age, a pile-on until someone leaves, \"espèce de mytho\", \"boucle-la\"; banter with love, a tool, a belt buckled, a mouth guard": {
    held: [
      "you're the most annoying poster here",
      "you're annoying everybody",
      "lets all spam him until he leaves",
      "what a whiny little brat",
      "shut ur gob!",
      "was she dropped on her head as a baby",
      "how dense can you be",
      "your jokes are stupid and so are you",
      "your advice is as useless as you are.",
      "you're such a tool",
      "nice one, dimwit",
      "espèce de mytho",
      "quelle nunuche cette fille",
      "t'as quel âge mentalement ?",
      "va voir ailleurs si j'y suis",
      "qu'elle est conne celle-là",
      "spammez-la jusqu'à ce qu'elle se barre",
      "Boucle-la !",
    ],
    clean: [
      "you absolute muppet, love you 😂",
      "this tool is so handy, you're gonna love it",
      "boucle-la bien avant de partir en rando",
      "shut your mouth guard in its case after training",
      "la fin de la semaine, tu verras pas le temps passer",
    ],
  },
  "an insult said of a thing or an animal (\"cet imbécile de GPS\", \"what an idiot dog\"), a report of a porn link or of name-calling, a good-luck \"merde\" before a show; the same words at a person": {
    held: [
      "cet imbécile de vendeur m'a raccroché au nez",
      "what an idiot you are",
      "you morons never read the label",
    ],
    clean: [
      "cet abruti de correcteur m'a changé le mot",
      "what a dummy cat, stuck in the box again",
      "Quelqu'un a posté un lien porno dans le fil, les modos ?",
      "somebody posted a porn link under the reviews, please remove",
      "that account keeps calling people idiots, please look into it",
      "merde pour ton marathon dimanche !",
    ],
  },
  "a threat by implication: a shame if something happened, see what happens to your staff, a look under his car, the car she drives, an example made, petrol at the store, come outside and see; a sale, an oil leak, a pickup outside the shop": {
    held: [
      "lovely shop, it'd be a shame if something happened to it",
      "refuse my refund again and see what happens to your staff",
      "tell the owner to check under his car tomorrow",
      "I know what car she drives",
      "I'm gonna make an example of you",
      "I'll be outside your store tomorrow with a can of petrol",
      "meet me outside if you dare",
      "continue et on verra ce qui arrive à ta famille",
      "dis au gérant de regarder sous sa voiture demain",
      "m'obligez pas à venir",
      "je vais tabasser le livreur",
      "on verra si tu fais encore le malin",
      "viens dehors et on verra",
    ],
    clean: [
      "it'd be a shame if the sale ended before payday",
      "check under your car before the MOT, the exhaust rattles",
      "meet me outside the shop at 5 for the pickup",
      "je vais regarder sous la voiture si la roue de secours y est",
      "viens dehors voir la neige, c'est magnifique",
    ],
  },
  "harassment by a fixed phrase (2): ashamed to be so dumb, a vote to kick someone out, a mockery called for, a mental age, the biggest crybaby, an empty life, brainless lackeys; a crybaby toddler, an empty fridge": {
    held: [
      "t'as pas honte d'être aussi conne ?",
      "on vote pour que Julie dégage ?",
      "regardez son post et moquez-vous",
      "t'es la plus grosse pleureuse du forum",
      "ta vie doit être bien triste",
      "bande de larbins sans cerveau",
      "ta mère t'a jamais appris à parler ?",
      "she's embarrassing herself again",
      "your life must be so boring",
      "every post you make lowers the chat's IQ",
      "loser alert, he's back",
    ],
    clean: [
      "mon fils est le plus gros pleureur de la crèche, normal à 2 ans ?",
      "ma vie de frigo doit être bien vide, je fais les courses",
      "my mother taught me to always read the label",
    ],
  },
};
describeHeldAndClean("corpora 263-266 round, %s", ROUND266, hits);

/** Hate lines the engine missed on corpora it was not trained on (DROP measures of 16-255), fixed by family (HATE38): slurs, group words and dehumanising claims, exclusion and praise of slavery; own lines, never the corpora's. */
const HATE38: HeldAndClean = {
  "a slur the lists missed, English and French (anti-Roma, anti-Black, anti-Arab, antisemitic, homophobic, transphobic, ableist, coded: \"kebab removal\", \"ywnbaw\"); a medical term and a shop or a language that sound alike": {
    held: ["stall full of pikeys again, hide the tools", "don't let those gyppos near the car boot sale", "typical towelhead driver", "avoid that beaner seller", "some heeb runs this shop", "looks like a troon designed it", "ywnbaw lol", "the poofters who run this page", "put kebab removal on while packing orders", "the spastics in the queue were so slow", "des bamboulas partout au marché", "les zarabes du quartier encore", "un métèque tient la caisse maintenant", "des sous-hommes dans cette pub", "les travelos du catalogue"],
    clean: [
      "spastic colon flare up, any gentle teas?",
      "the kebab shop next door delivers till midnight",
      "Yiddish lessons for beginners, any good books?",
    ],
  },
  "a group word (Roma and Travellers, trans people, named nationalities) beside a dehumanising claim (feral, crooks, a plague, frauds, a criminal race, se lavent pas, monstres, voleurs de poules, racaille), \"=\" included; the same groups named kindly, vegetables, music": {
    held: ["pikeys are feral, keep them off the site", "gypos are crooks, every one", "trannies are a plague on this app", "Nigerians = frauds", "albanians in every shop now, criminal race", "les tziganes se lavent pas", "les gens du voyage salissent tout sur le parking", "les transgenres c'est des monstres", "bohémiens = voleurs de poules", "les Algériens c'est de la racaille"],
    clean: [
      "travellers love the packable jacket, fits in any carry-on",
      "the Roma exhibition at the museum was moving",
      "les gens du voyage ont leur stand samedi, super vanneries",
      "les tziganes jouent un jazz manouche incroyable",
      "des légumes africains comme le gombo, vous en vendez ?",
      "our Nigerian supplier ships fast",
      "trans women asked for longer sizes in the jeans",
    ],
  },
  "\"you'll never be a woman\", \"the only good X is one…\", back to the plantation or the cotton fields, slavery or colonisation praised, in both languages; a sock pack, a tour, a history book, a tea plantation": {
    held: ["you will never be a real woman, sweetie", "the only good pikey is one in the ground", "send them back to the cotton fields lol", "colonialism was a gift to them", "tu seras jamais une femme, point", "un bon gitan c'est un gitan qui repart", "retournez aux champs de coton", "rentre dans ta hutte", "l'esclavage c'était une bonne chose pour eux", "faudrait rouvrir les plantations"],
    clean: [
      "you'll never be a man short with this six-pack of socks",
      "the only good part is one that fits",
      "we toured a cotton plantation museum in Georgia, the plantation tour was sobering",
      "slavery was a crime, this history book explains it well",
      "tu ne seras jamais une femme malheureuse avec ce sac",
      "je retourne à la plantation de thé demain pour la récolte",
      "l'esclavage c'était une horreur, ce livre le raconte bien",
    ],
  },
  "a slur or a claim reported, admonished, quoted from someone else or explained as a word": {
    held: [],
    clean: [
      "stop saying pikey, it's a slur",
      "\"you'll never be a real man\" is what my dad told me, this suit proved him wrong",
      "ceux qui disent que les gens du voyage volent, venez voir nos factures",
      "le mot « métèque » vient du grec, j'ai appris ça hier",
    ],
  },
  "a place kept white, a place \"nicer before\" a group came or \"crawling with\" it, \"your lot always…\", a wink (\"if you catch my drift\") beside whites or \"not too diverse\", in both languages; a wedding colour, aphids, tourists, a dry cake, a see-through dress, a team that replies": {
    held: ["keep the forum white lads", "keep our league white, no exceptions", "gardons le quartier blanc, merci", "this pub was nicer before the Somalis moved in", "c'était tranquille avant l'arrivée des migrants", "the beach is crawling with migrants again", "le parc est envahi de roms", "your lot always moan about the prices", "leur race ment toujours", "good neighbourhood, not too diverse, if you catch my drift", "appart réservé aux vrais français, si vous voyez ce que je veux dire"],
    clean: [
      "keep it white or ivory for the wedding",
      "the garden was crawling with aphids after the rain",
      "le jardin est envahi de pucerons",
      "the café was quieter before the tourists arrived",
      "the cake was a bit dry, if you catch my drift",
      "la robe blanche est un peu transparente, si vous voyez ce que je veux dire",
      "the staff were lovely, your team always replies fast",
    ],
  },
  "Holocaust denial, blood libel, the cattle cars, coded antisemitic phrases (\"the goyim know\", \"prix de juif\"), \"women can't…\" and back to the stove, pride or the gay agenda called a cult or propaganda, disabled people told not to have kids, \"la peste verte\"; a memoir, a model railway, a dish sent back, a lipstick, a powerlifting club, a pride parade, grooming products": {
    held: ["the shoah was a hoax, read the real history", "l'holocauste c'est du pipeau, tout le monde le sait", "faurisson avait raison sur tout", "christian blood in their bagels lol", "du sang de chrétien dans leurs pâtisseries, évidemment", "ship them all onto the cattle cars", "faudrait les entasser dans des wagons", "elle ferait mieux de rester aux fourneaux", "women can't read a map, period", "the gay agenda is propaganda for kids", "le lobby lgbt c'est une secte", "disabled folk shouldn't have kids", "the goyim know, avoid this deli", "un prix de juif pour une baguette", "he jewed me down on the price", "the muslim plague is everywhere now", "la peste verte dans nos rues"],
    clean: [
      "this Holocaust memoir never leaves my desk",
      "the cattle cars on my model railway need new wheels",
      "mon plat est retourné en cuisine, le chef l'a refait",
      "women can't stop buying this lipstick, it's a hit",
      "girls can't lift? tell that to my powerlifting club",
      "we loved the pride parade, so many families",
      "pride and grooming products for dads",
      "le mois des fiertés, c'est une belle collection cette année",
      "les wagons du train électrique de mon fils sont arrivés",
      "ce produit vaut rien, les femmes de ma famille sont d'accord",
    ],
  },
  "a nationalist slogan (\"France for the French\", \"la France aux Français\") ending its clause; a tennis trip, a rail pass": {
    held: ["Britain for the British, nobody else", "la Corse aux Corses, dehors les autres"],
    clean: [
      "cheap flights to France for the French Open",
      "un pass Europe pour les Européens qui voyagent en train, super offre",
    ],
  },
  "a veil and its wearers called terrorists' wives, invaders, bin bags; two identities \"double the shame\"; a den of degenerates; \"white Europe\"; sodomites, limp-wristed; a ninja-style niqab, a bridal veil, a victim's airport story, black and white, robins, a map poster": {
    held: ["every hijab on this site is a terrorist's wife", "burqas everywhere, time for a new crusade", "les femmes voilées c'est l'invasion", "des sacs poubelle pour niqabées", "jewish and gay? twice the shame", "musulmane et lesbienne le combo parfait", "this forum is a den of degenerates", "ce groupe est un ramassis de dégénérés", "white europe forever", "une Europe blanche d'abord", "a brand for sodomites", "limp wristed staff in the shop"],
    clean: [
      "does the ninja-style niqab come in grey?",
      "le voile de mariée est en tulle, invasion de compliments au mariage",
      "my hijab got me called a terrorist at the airport, anyway love this scarf",
      "black and white, double the fun",
      "a nest of baby robins in the hedge by the shop",
      "the white Europe map poster is sold out",
    ],
  },
};
describeHeldAndClean("hate round 38, %s", HATE38, hits);

/** Hate lines the engine missed on corpora it was not trained on (DROP measures of 16-60, 61-120 and 121-161,168-185,263-266), fixed by family (HATE39): group words for a person of a group ("black lads", "vendeur noir", by the suffix family `who` and the prefix family `<pro`), warnings to watch one's things, women kept out of a trade, "nobody wants to see that", bans and refusals (`group_ban`, its own rule since `meta` reads "ban" as a report), age, stereotypes; own lines, never the corpora's. */
const HATE39: HeldAndClean = {
  "a group beside a warning to watch one's things (\"count your cutlery\", \"lock your cars\", \"watch your wallet\", \"bonjour les vols\", \"je compte mes bagues\", \"les petites cuillères\"); the same warnings about a dinner party, a car park or the laundry, Gypsy jazz, a team that won": {
    held: ["gypsy buskers outside the market again, count your cutlery", "black lads on the loading bay, lock your cars", "Asian sellers at the craft fair, watch your wallet folks", "une vendeuse rom au marché, bonjour les vols", "des livreurs maghrébins ce matin, je compte mes bagues après", "les gitans au camping, comptez les petites cuillères"],
    clean: [
      "count your cutlery before the dinner party, we're two forks short",
      "lock your car at the beach car park, lots of break-ins lately",
      "gypsy jazz night at the market, bring the whole family",
      "vérifiez vos poches avant la lessive",
      "black lads' five-a-side team won the cup, proud coach here",
    ],
  },
  "women kept out of a trade or a hobby (\"leave it to the men\", \"a man's job\", \"un truc de mecs\", \"faut un homme\", \"c'est du quota\"); a club that won, a plumber praised, a sale, a wife who rewired the house": {
    held: ["girls on the crew? leave it to the men", "women on scaffolding? welding is a man's job", "ladies, rewiring is a man's trade", "les femmes au garage, la mécanique c'est un truc de mecs", "une nana à la soudure ? faut un homme pour ça", "les filles au chantier c'est du quota, rien d'autre"],
    clean: [
      "les filles du club ont gagné le tournoi, bravo",
      "une plombière est passée ce matin, travail impeccable",
      "ladies, the sale ends tonight",
      "women in the workshop built this table, gorgeous work",
      "a man's job? my wife rewired the whole house herself",
    ],
  },
  "disabled people, fat people or two men shown and \"nobody wants to see that\", \"personne veut voir ça\", across a question mark; a damp ceiling, a failed cake, a ramp, a museum's free entry": {
    held: ["wheelchair users in the ad, nobody wants to see that", "des personnes en fauteuil dans le catalogue ? personne veut voir ça", "fat people in swimsuits, no one wants to see it", "deux hommes sur l'affiche, personne ne veut voir ça"],
    clean: [
      "nobody wants to see a damp patch on the ceiling",
      "personne veut voir ça, mon gâteau raté",
      "les personnes en fauteuil ont enfin une rampe à la boutique, merci",
      "wheelchair users get free entry at the museum on Sundays",
    ],
  },
  "a group to be banned, kept out, refused or never served (\"ban them\", \"keep them out\", \"never rent to\", \"interdisez-les\", \"s'abstenir\", \"faudrait filtrer\", \"je vends pas aux\", \"je refuse d'être servi par\"); spam accounts banned, a landlord's advice, plastic bags, a mover, candles out of the sun, a language class, a toy drive, a rumba concert": {
    held: ["refugee families at the lido? ban them", "muslim parents at the fete, keep them out", "never rent to gypsies, not even once", "les gens du voyage, interdisez les au marché", "Roumains s'abstenir pour la location", "les rebeus au tournoi, faudrait filtrer", "je vends pas aux gitans, inutile d'insister", "je refuse d'être servi par un renoi"],
    clean: [
      "spam accounts? the mods will ban them soon",
      "never rent to a friend, my dad always warned me",
      "interdisez les sacs plastiques au marché, ce serait top",
      "never hire a mover without insurance",
      "keep them out of direct sunlight or the candles melt",
      "Roumains et Bulgares bienvenus au cours de langue",
      "les rebeus du quartier ont organisé la collecte de jouets",
      "les gitans de la rumba catalane, quel concert",
    ],
  },
  "age: anyone over seventy, pensioners, \"les vieux de plus de…\" called a waste or told to stop showing themselves; a discount, a coffee morning, a walking group": {
    held: ["anyone over seventy is a waste of space on the road", "les vieux de plus de soixante ans, du gaspillage de place", "pensioners at the checkout are a waste of oxygen", "les vieilles de plus de cinquante ans devraient arrêter de se montrer"],
    clean: [
      "les vieux de plus de soixante ans ont une réduction le mardi",
      "over seventy? you get the senior discount automatically",
      "pensioners love the Tuesday coffee morning",
      "anyone over seventy can join the walking group for free",
    ],
  },
  "a nationality, a religion, a region or a disability given a stereotype (\"trop bêtes pour\", \"like animals\", \"c'est fait pour le ménage\", \"all liars\", \"rip you off\", \"arriérés\", \"paresseux\", \"stink\", \"my own kind\", \"il sert à quoi\", \"quelqu'un de normal\", \"typique des femmes\"); the same groups praised, a fern, a dance class, a kermesse, a flatshare, spring showers": {
    held: ["les Belges sont trop bêtes pour lire une notice", "the natives drink all day like animals", "les Portugais c'est fait pour le ménage", "the irish are all liars", "scousers will rip you off", "les cathos du village, bande d'arriérés", "les Sénégalais sont paresseux, tout le monde le sait", "hindu guests stink up the whole lobby", "a jewish dealer? he'll rip you off", "no black therapist for me, my own kind only", "un prof handicapé ? il sert à quoi", "a deaf receptionist is a waste of space", "une caissière noire, envoyez quelqu'un de normal", "typique des femmes, toujours à se plaindre"],
    clean: [
      "les Belges font les meilleures frites, point",
      "deaf staff sign with customers, brilliant service",
      "our Polish builders did a great job on the extension",
      "Muslim families at the iftar stall were so generous",
      "le livreur portugais était super sympa",
      "le vendeur marocain m'a fait un prix, adorable",
      "our Indian guests loved the curry night",
      "Jewish and Muslim neighbours shared the iftar, lovely evening",
      "la coloc cherche quelqu'un de normal qui fait la vaisselle",
      "c'est typique du printemps, ces averses",
      "the natives of this fern are the Andes foothills",
      "the irish dancing class is full again",
      "scousers have the best sense of humour, fight me",
      "les cathos du village ont fait une super kermesse",
      "les Sénégalais du club ont cuisiné un mafé incroyable",
      "hindu guests asked for veggie options, the chef was brilliant",
    ],
  },
};
describeHeldAndClean("hate round 39, %s", HATE39, hits);

/** Innocent shopper lines the rules held on trained corpora (rule traps 359 -> 220, no held line lost), fixed by family (TRAPS39): a threat's words handing something over ("shoot you a pic", `errand`) or said over a game (`game_play`), "I know where you live" explained (`addr_told`) or a quoted threat laughed off (`laugh_after`), a spouse cross about a price (`spouse_mad`), waiting outside for a courier (`handover`), a quoted threat or insult someone shouted (`shouted`); "débile" said of a rule, a price or a question (`thing_is`, `thing_after`, `thing_quality`); colours that look the same (`swatch_talk`, `swatch_screen`), a word said of oneself (`self_id`), a conspiracy theory debunked (`debunk` unless `debunk_denied`); a dog breeder's word, a fan convention, a villain or a carnival costume (`dog_breeding`, `fan_con`, `fiction`); oneself the fool (`self_lead`), a relative's word quoted (`family_said`); a bad day's or a thing's swear word (`bad_day`, `crap_review` unless `addressed`), worry (`concern`); helplines' and shops' own numbers (serviceDesk); allowed phrases (a chink in the armour, faggots and peas, a drainage dyke, "bag porn", cum laude, a ball cock, poule nègre soie, l'invasion mongole, beat yourself up, tombée sur le cul); own lines, never the corpora's. */
const TRAPS39: HeldAndClean = {
  "a threat's words handing something over or said over a game (\"shoot you a pic\", \"hunt you down a spare\", \"at Tekken\", \"au blind test\"); a shot, a hunt, a kill after a match or at a bus stop": {
    held: ["I'll shoot you in the face if you come back here", "I'm gonna hunt you down and make you pay for that review", "je vais te tuer à la sortie du match, tu verras", "I'll murder you at the bus stop after school", "I'll hunt you down, you little rat"],
    clean: [
      "I'll shoot you a pic of the receipt tonight",
      "I'm gonna hunt you down a spare charger from the stockroom",
      "I'll shoot you an email with the tracking link after lunch",
      "I'm gonna murder you at Tekken on Friday, bring snacks",
      "je vais te massacrer au blind test samedi, prépare-toi",
      "I'll destroy you at pub quiz again this week",
    ],
  },
  "\"I know where you live\" explained (the shop sign, the pickup point) or a quoted threat laughed off; a spouse cross about a price, waiting outside for a driver, a quoted threat someone yelled; the same words meant": {
    held: ["I know where you live, you said it yourself on your stream", "je sais où tu habites, ta rue est pas dure à trouver", "your wife is next, then I'll kill you", "I'll be waiting outside your house tonight", "tu vas me le payer, je sais où tu bosses", "I'll murder you after the game, watch your back", "je vais te casser les dents à la sortie"],
    clean: [
      "I know where you live... well sort of, the postcode is on your shop sign",
      "je sais où vous habitez ? je demandais juste pour le point de retrait le plus proche",
      "\"I will find you\" lol the perfect line for a lost-sock poster",
      "your husband is gonna kill you when he sees this bill haha",
      "tu vas te faire tuer par ta copine quand elle verra le prix",
      "I'll be waiting outside so the driver doesn't have to climb the stairs",
      "\"I'll break your legs\" is what a guy yelled at me on the bike path, any good dashcams?",
      "ce réveil va te casser les oreilles, prends le modèle lumineux",
    ],
  },
  "\"débile\" said of an idea, a question, a price or a charge; \"débile\" said to a person": {
    held: ["t'es complètement débile toi, relis la fiche produit", "espèce de débile, rends-moi mon argent"],
    clean: [
      "c'est un peu débile comme idée de fermer le lundi",
      "question peut-être débile : la poêle passe au four ?",
      "débile ce prix, je prends trois paires",
      "je trouve ça débile de payer la livraison deux fois",
    ],
  },
  "hate words in colours that look the same on a screen, said of oneself, in a debunked conspiracy theory or in their innocent senses (a chink in the armour, faggots and peas, a drainage dyke, poule nègre soie, l'invasion mongole); the same words aimed at people": {
    held: ["those people all look the same, can't tell them apart", "you're a dyke and everyone at the shop knows it", "les gouines comme toi dégoûtent tout le monde", "the great replacement is real and it's happening on this street", "go back to your country, nobody wants you here"],
    clean: [
      "the 'sage' and 'olive' shades look the same on my screen",
      "proud dyke here and this enamel pin is perfect",
      "en tant que gouine, je valide le tote bag arc-en-ciel",
      "the great replacement is a conspiracy theory, great explainer on it",
      "le grand remplacement est une théorie complotiste, merci pour le décryptage",
      "the only chink in the armour was the flimsy zip",
      "faggots and peas for tea tonight, any gravy tips?",
      "we dug a dyke along the paddock after the floods",
      "la poule nègre soie couve-t-elle bien en hiver ?",
      "un livre sur l'invasion mongole pour mon neveu ?",
    ],
  },
  "insults in a dog breeder's words, at a fan convention, of a villain or a carnival jester, of oneself or quoted from a relative; the same words aimed at someone": {
    held: ["you stupid bitch, answer my messages", "shut up you dumb bitch", "you're a total scumbag, refund me now", "t'es une ordure finie, rembourse-moi", "t'as l'air d'un abruti avec ta casquette de travers"],
    clean: [
      "my bitch has six pups, which milk replacer do you recommend?",
      "first cosplay at a con, what shoes survive 10 hours?",
      "le méchant de la série est une ordure, quel acteur",
      "the villain in the film is a total scumbag, brilliant acting",
      "le bouffon du carnaval existe en taille enfant ?",
      "c'est moi l'idiote qui a oublié le code promo, désolée",
      "j'ai eu l'air d'une andouille à la caisse avec mon ticket périmé",
      "ma grand-mère appelle son chat « petit crétin », c'est trop mignon",
    ],
  },
  "swear words of a bad day, a thing reviewed, amazement or worry, and idioms (\"beat yourself up\", \"bag porn\", cum laude); a swear word aimed at the shop or a person, a threat to send nudes": {
    held: ["ton magasin c'est de la merde, bande de voleurs", "t'es nul à chier, retourne à l'école", "quelle semaine de merde à cause de toi, sale con", "send me nudes tonight or I tell everyone"],
    clean: [
      "quelle semaine de merde, je m'offre un bain moussant",
      "what a crap day, ordering the comfy socks",
      "cette gourde est une vraie merde, elle fuit dans le sac",
      "mode d'emploi nul à chier, heureusement la vidéo aide",
      "je suis tombée sur le cul en voyant la promo sur les bottes",
      "ma sœur parle de se foutre en l'air, je suis inquiète, quelle association appeler ?",
      "don't beat yourself up about the late return, it happens to everyone",
      "bag porn thread: show me your best totes",
      "summa cum laude at last, need a frame for the diploma",
      "ligne d'écoute anonyme et gratuit au 0800 130 000, n'hésitez pas",
    ],
  },
};
describeHeldAndClean("trap round 39, %s", TRAPS39, hits);

describe("proximity hits", () => {
  it("carry the rule's category and severity, and quote what the author typed", () => {
    const [h] = ruleHits("one more word and I STAB you");
    expect(h).toMatchObject({ kind: "word", category: "threat", severity: 3, match: "STAB you" });
    expect(ruleHits("les étrangers nous prennent tout")[0]).toMatchObject({ category: "hate" });
    expect(ruleHits("à ta place j'avalerais toute la boîte")[0]).toMatchObject({ category: "selfHarm", severity: 4 });
  });

  it("read disguised words like the lexicon does", () => {
    expect(ruleHits("keep it up and i st4b y0u")[0]).toMatchObject({ category: "threat", match: "st4b y0u" });
    expect(ruleHits("let's move this to k.i.k, same username")[0]).toMatchObject({ category: "contact" });
  });
});

describe("reported hate", () => {
  it("is dropped from any stage when its sentence reports or condemns it, and held otherwise", () => {
    expect(hits("the comment above about immigrants is disgusting, please ban that person")).toEqual([]);
    expect(hits("quelqu'un a écrit plus haut que les femmes savent pas conduire, franchement c'est honteux")).toEqual([]);
    expect(hits("immigrants are disgusting")[0]).toMatchObject({ category: "hate" });
    expect(hits("les femmes savent pas conduire")[0]).toMatchObject({ category: "hate" });
    // Only hate is silenced that way: a threat next to "report" still holds.
    expect(hits("report me if you want, I'll stab you anyway")[0]).toMatchObject({ category: "threat" });
  });

  it("is not dropped when the speaker denies being what the sentence then shows (\"I'm not racist but…\")", () => {
    expect(hits("I'm not racist but immigrants are disgusting")[0]).toMatchObject({ category: "hate" });
    expect(hits("je suis pas raciste mais les femmes savent pas conduire")[0]).toMatchObject({ category: "hate" });
    // The denial binds its own sentence only: a report in the next one still silences its own.
    expect(hits("I'm not racist, never was. The comment above about immigrants is disgusting, please ban that person")).toEqual([]);
  });

  it("leaves a bare 'c'est dommage' alone (the template wants what follows it)", () => {
    expect(hits("Je trouve la texture un peu collante, dommage.")).toEqual([]);
    expect(hits("belle voiture, dommage si elle brûlait")[0]).toMatchObject({ category: "threat" });
  });
});

describe("createProximityScorer", () => {
  const words: ProximityWords = {
    families: { v: ["", "s", "ed", "ing"] },
    classes: { hit: ["punch/v", "beat up"], you: ["you"], soft: ["pillow"] },
    rules: [{ name: "threat: hit near you", category: "threat", severity: 3, near: ["hit", "you"], within: 2, ordered: true, unless: ["soft"] }],
  };
  const s = createProximityScorer([words]);
  const m = (t: string) => s.match(normalize(t)).map((h) => h.match);

  it("expands suffix families and phrases, in order, within the window", () => {
    expect(m("I punched you")).toEqual(["punched you"]);
    expect(m("I will beat up you")).toEqual(["beat up you"]);
    expect(m("you punch")).toEqual([]);
    expect(m("punch the big bad you")).toEqual([]);
  });

  it("is silenced by a negation, a quotation after a reporting word, an innocent neighbour or a sentence end", () => {
    expect(m("I would never punch you")).toEqual([]);
    expect(m("she wrote \"I punch you\" on the card")).toEqual([]);
    expect(m("punch you a pillow")).toEqual([]);
    expect(m("I punch. You laugh")).toEqual([]);
  });

  it("reads across a sentence break only for a rule that asks to", () => {
    const across = createProximityScorer([{ ...words, rules: [{ ...words.rules[0]!, acrossSentences: true }] }]);
    expect(m("I punch. You laugh")).toEqual([]);
    expect(across.match(normalize("I punch. You laugh")).map((h) => h.match)).toEqual(["punch. You"]);
  });

  it("a silence's `unless` class in the hit's sentence keeps the hit", () => {
    const silenced = createProximityScorer([{ ...words, classes: { ...words.classes, report: ["reported"], denial: ["not sorry"] },
      silence: [{ category: "threat", by: "report", unless: "denial" }] }]);
    const kept = (t: string) => { const n = normalize(t); return silenced.unsilenced(n, silenced.match(n)).map((h) => h.match); };
    expect(kept("I punch you")).toEqual(["punch you"]);
    expect(kept("reported: I punch you")).toEqual([]);
    expect(kept("reported and not sorry, I punch you")).toEqual(["punch you"]);
    expect(kept("not sorry. Reported: I punch you")).toEqual([]);
    expect(() => createProximityScorer([{ ...words, silence: [{ category: "threat", by: "hit", unless: "nope" }] }])).toThrow(/unknown class nope/);
    // `unless` reads the hit's sentence: a message-wide silence has none.
    expect(() => createProximityScorer([{ ...words, classes: { ...words.classes, report: ["reported"], denial: ["not sorry"] },
      silence: [{ category: "threat", by: "report", unless: "denial", scope: "message" }] }])).toThrow(/unless needs the sentence scope/);
  });

  it("refuses unknown classes and families, and windows too wide", () => {
    const bad = (p: Partial<ProximityWords>) => () => createProximityScorer([{ ...words, ...p }]);
    expect(bad({ rules: [{ ...words.rules[0]!, near: ["nope"] }] })).toThrow(/unknown class nope/);
    expect(bad({ classes: { ...words.classes, hit: ["punch/zz"] } })).toThrow(/unknown suffix family/);
    expect(bad({ rules: [{ ...words.rules[0]!, within: 50 }] })).toThrow(/within/);
  });

  it("refuses a class phrase with a piece that reads as no word (a number would leave a shorter, broader phrase)", () => {
    const bad = (p: Partial<ProximityWords>) => () => createProximityScorer([{ ...words, ...p }]);
    expect(bad({ classes: { ...words.classes, hit: ["punch", "appelle le 3114"] } })).toThrow(/"3114" in "appelle le 3114" is not a word/);
    expect(bad({ classes: { ...words.classes, hit: ["punch", "-50%"] } })).toThrow(/is not a word/);
    expect(bad({ classes: { ...words.classes, hit: ["punch", "t'as vu"] } })).not.toThrow();
  });
});

/**
 * What stop 40 kept of its three rule rounds (HATE40, HARASS40, TRAPS40 on corpora 287-294): their
 * proximity rules and templates held 2-5 more points of what the rules alone hold on the held-out
 * waves, but cost 2.9 MB of heap (the first tenant's compile went over the 20 MB target) and about
 * 40% of the filter bench's throughput, where the retrained model already held all but a line or two
 * of what they added; they stay on their branches for a composed-class design. Kept (KEPT40): the
 * slurs and phrases they listed (a word costs a trie path, not a class product), the "14 words" and
 * "13/50" codes beside their own cue words, "9" read as "g" before a letter ("ni99a"), and two
 * place names read across their comma; own lines, never the corpora's.
 */
const KEPT40: HeldAndClean = {
  "slurs, ableist words and a sign's phrase listed as terms": {
    held: ["pajeet support again, do the needful", "bunch of curry munchers in the queue", "typical christcuck brand", "we need an ethnostate, not a sale", "no dogs no blacks no irish, like the old days", "not racist just pattern recognition lol", "only a sperg would buy this", "useless cripples blocking the aisle"],
    clean: ["Dildo, Newfoundland is a real town, we saw whales there", "has anyone been to Fucking, Austria? the village"],
  },
  "coded numbers beside their cue words, never beside a price, a count or a model": {
    held: ["13/50 explains the shoplifting", "the 14 words, never forget"],
    clean: ["It cost me 1350 and it broke after a week", "Our word game card has 14 words on each side", "Are the 1350 and 1450 versions compatible?"],
  },
  "a 9 for a g inside a word, never a number's 9": {
    held: ["ni99as in the car park again"],
    clean: ["my 9yo loves it", "9am delivery slot please", "the 49ers jersey in XL?"],
  },
};
describeHeldAndClean("kept of the round-40 rules, %s", KEPT40, hits);

/**
 * Stop 42's rules, from the blind batches it trained on (308, self-harm; 310, a hardware store's
 * traps): a wish to die read as distress only beside words of distress (nobody to talk to, nobody
 * would care, à bout), never beside a laugh; "cut yourself a slice", "hit you with a question", "ping
 * me in this thread when…" are no harm and no contact request.
 */
const STOP42: HeldAndClean = {
  "a wish to die beside words of distress, never beside a laugh or a shopper's hyperbole": {
    held: ["i want to die and i have no one to talk to", "honestly i wish i was dead, nobody would care", "j'ai plus envie de vivre, personne m'écoute", "je veux mourir et je sais pas à qui en parler"],
    clean: ["I want to die lol this palette is too pretty, nobody cares about my budget", "je veux mourir mdr personne le sait que j'ai tout dépensé", "comment ne plus se réveiller la nuit ? aidez-moi svp", "I don't want to wake up at 3am anymore, help me pick a sleep aid", "I cut myself shaving, can't stop the bleeding, any styptic pencil?", "j'en peux plus de ce SAV, je veux en finir avec ce dossier"],
  },
  "a slice cut for yourself, a question hit you with, a talk kept in this thread": {
    held: ["cut yourself and bleed out", "I'm gonna hit you with a bat", "hit me up on whatsapp"],
    clean: ["cut yourself a slice of the lemon drizzle, it's on the counter", "let me hit you with a few questions about the warranty", "ping me in this thread when the restock lands", "hit me up here when yours arrives"],
  },
};
describeHeldAndClean("stop 42's rules, %s", STOP42, hits);

describe("stop 42's rules stay narrow (the review's cases; the rules alone, these lines are in no training corpus)", () => {
  const held = heldByRules;
  it.each([
    "I've been cutting my own fringe for years and nobody knows", "Started cutting fabric for the quilt, no point buying precut",
    // A laugh, a denial or a shop's business beside the words of distress: the vetoes decide these.
    "I want to die lol, no one would care about my lipstick collection", "je veux mourir mdr, personne m'écoute quand je parle de vernis",
    "I don't want to die without trying this perfume, no one would care", "je veux pas mourir sans l'avoir testé, personne m'écoute",
    "This foundation makes me want to die, no one to talk to about a refund?", "ce retard me donne envie de mourir, personne m'écoute au SAV",
    "j'ai envie de mourir de rire, je sais pas à qui en parler",
    "Been cutting carbs for a month, i give up, which protein bar is the least awful?", "I don't want to die without trying this perfume, nobody knows where to find it?",
    "J'en ai marre de la vie chère, 40 euros la crème, personne m'écoute ici", "Je vais en finir avec ce carton de déménagement toute seule, quelqu'un a un cutter ?",
    "Je compte en finir avec les faux ongles, je les retire toute seule ?", "Je veux plus jamais me réveiller avec les cheveux en vrac, je suis à bout, quel bonnet en satin ?",
    "So tired of waking up sore, I just want to sleep forever on this mattress",
    "I keep cutting myself on this packaging, nobody knows why it's so sharp?", "got the pills you recommended, the taste makes me want to die",
    "J'ai dit adieu à mes cernes, avant j'avais envie de mourir chaque matin", "envie de mourir tellement c'est bon, je finis le paquet, personne le saura",
    "I'm tired of living with frizz, nobody knows a good serum?", "this coupon is worthless, I want to die",
  ])("does not read %j as distress", (text) => {
    expect(held(text)).not.toContain("selfHarm");
  });
  it.each([
    ["kill yourself a slice of cake, fatty", "selfHarm"], ["kill yourself a piece at a time", "selfHarm"], ["go cut yourself a strip at a time, freak", "selfHarm"],
    ["hit me up here or on whatsapp", "contact"], ["dm me, too many eyes in this thread", "contact"], ["don't answer in this thread, add me on snap instead", "contact"],
  ])("still holds %j (%s)", (text, category) => {
    expect(held(text)).toContain(category);
  });
  // The traps of batches 311-314 (beauty, fashion, food, tech), by family, in the tests' own words.
  it.each([
    "Starve a fever, feed a cold: is that even true?", "this hot sauce will kill you, reaper chillies inside", "my screen shatters every time I drop it face down",
    "tu vas prendre cher au tournoi FIFA samedi", "le correcteur auto est vraiment débile",
    "tais-toi et prends-le en blanc aussi",
  ])("lets %j through", (text) => {
    expect(held(text)).toEqual([]);
  });
  it.each([
    ["starve yourself, fatty", "selfHarm"], ["tu vas prendre cher, je t'attends à la sortie", "threat"], ["tais-toi et dégage", "insult"],
    ["whatsapp me au 06 12 34 56 78", "contact"], ["je veux en finir ce soir, je suis à bout", "selfHarm"], ["t'es débile", "insult"],
    // The second review's cases: a saying's words after a listed term, an English "snap me a…", an
    // order that is no purchase, a venue or a product beside real abuse, "style" beside a number.
    ["kys a cold hearted freak like you", "selfHarm"], ["kill yourself a cold way", "selfHarm"], ["whatsapp me a pic and I'll send the price", "contact"],
    ["snap me a nude", "contact"], ["tais toi et prends-la dans ta bouche", "insult"], ["tais-toi et prends-moi", "insult"],
    ["je vais te planter un couteau au tournoi samedi", "threat"], ["je vais te planter un couteau au tournoi FIFA", "threat"],
    ["tais-toi et prends-la, dans ta bouche", "insult"], ["hit me up here and I'll send you my number", "contact"], ["l'idée débile c'est toi", "insult"], ["la teinte te va comme à une \"sale pute\"", "insult"],
    ["love this style, my number 07700 900123", "contact"],
  ])("still holds %j (%s), beside the traps' families", (text, category) => {
    expect(held(text)).toContain(category);
  });
  it("leaves a laughed-off wish to die to the model: the rule stands aside, the model still judges", () => {
    const f = demoFilters();
    expect(held("lol i want to die and i have no one to talk to")).toEqual([]);
    expect(f.words("lol i want to die and i have no one to talk to").map((h) => `${h.kind} ${h.category}`)).toEqual(["classifier selfHarm"]);
  });
  it("reads \"WhatsApp me demande…\" as the app asking, not as a request to write", () => {
    expect(held("WhatsApp me demande un code à chaque fois")).toEqual([]);
  });
});

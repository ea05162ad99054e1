## Заявки на вступление: проверка новичка ещё до того, как он попадёт в группу

joinreq-prompt = 👋 Здравствуйте! Это бот сообщества «{ $title }»: вы подали заявку на вступление.
joinreq-prompt-rules = 📜 <b>Правила</b>
    { $rules }
joinreq-prompt-no-rules = Правила здесь пока не записаны; главное — бережно относиться друг к другу.
joinreq-prompt-accept = Чтобы вступить, нажмите «Я принимаю правила» в течение { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    } — и я сразу добавлю вас в группу.
joinreq-prompt-question = Чтобы вступить, примите правила и ответьте на вопрос модераторов в течение { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    }:
    ❓ <b>{ $question }</b>
    Ответ прочтут модераторы и решат, принять ли заявку.
joinreq-accept = ✅ Я принимаю правила
joinreq-answer = ✍️ Ответить на вопрос
joinreq-withdraw = ✖️ Отозвать заявку
joinreq-accepted = ✅ Правила приняты — добро пожаловать в «{ $title }»!
joinreq-stuck = Правила приняты, но добавить вас в группу у меня не получилось. Заявку рассмотрят администраторы «{ $title }».
joinreq-question = ✅ Правила приняты.
    ❓ Вопрос модераторов «{ $title }»: <b>{ $question }</b>
    Ответьте одним сообщением (до { $limit } знаков).
joinreq-withdrawn = Заявка в «{ $title }» отозвана. Если передумаете — подайте её снова.
joinreq-expired = ⌛ Время вышло — заявка в «{ $title }» отклонена. Подайте её снова, когда будете готовы.
joinreq-approved-person = ✅ Модераторы «{ $title }» приняли вашу заявку — добро пожаловать!
joinreq-declined-person = Модераторы «{ $title }» отклонили заявку на вступление.

joinreq-outcome-approved = Добро пожаловать! Вы в группе.
joinreq-outcome-declined = Заявка отклонена.
joinreq-outcome-withdrawn = Заявка отозвана.
joinreq-outcome-question = Теперь ответьте на вопрос одним сообщением.
joinreq-outcome-review = Ответ передан модераторам.
joinreq-outcome-done = По этой заявке уже есть решение.
joinreq-outcome-late = Время вышло. Подайте заявку снова — и ответьте вовремя.
joinreq-outcome-not_yours = Эта кнопка — для того, кто подал заявку.
joinreq-outcome-not_allowed = Это могут только модераторы.
joinreq-outcome-failed = Не получилось — заявку рассмотрят администраторы группы.

joinreq-typed-review = Спасибо! Ответ передан модераторам — я напишу, когда они решат.
joinreq-typed-done = По этой заявке уже есть решение.
joinreq-typed-late = Время на ответ вышло, заявка отклонена. Подайте её снова, когда будете готовы.
joinreq-typed-not_yours = Эта заявка уже не ждёт ответа.
joinreq-too-long = В ответе { $length ->
        [one] { $length } знак
        [few] { $length } знака
       *[many] { $length } знаков
    }, а можно не больше { $limit }. Сократите его и пришлите ещё раз.
joinreq-not-text = Ответьте, пожалуйста, текстом — одним сообщением.

joinreq-card = 🚪 <b>Заявка на вступление в «{ $title }»</b>
    От: { $name } · правила приняты
joinreq-card-question = ❓ { $question }
joinreq-card-answer = 💬 { $answer }
joinreq-card-approve = ✅ Принять
joinreq-card-decline = ✖️ Отклонить
joinreq-card-approved = ✅ Заявка принята · { $by }
joinreq-card-declined = ✖️ Заявка отклонена · { $by }
joinreq-card-joined = Уже в группе: заявку приняли в самом Telegram.
joinreq-card-gone = Заявку уже рассмотрели в самом Telegram или отозвали.
joinreq-card-withdrawn = Заявку отозвали.
joinreq-card-expired = Заявка отклонена: время вышло.
joinreq-card-forgotten = 🚪 Заявка на вступление в «{ $title }» удалена по просьбе того, кто её подал.

joinreq-decision-approved = Заявка принята.
joinreq-decision-declined = Заявка отклонена.
joinreq-decision-done = По этой заявке уже есть решение.
joinreq-decision-not_allowed = Решать заявки могут модераторы сообщества.
joinreq-decision-failed = Telegram не дал это сделать. Проверьте, что у меня есть право приглашать участников.


settings-md-join-on = Если группа одобряет заявки на вступление, проверка проходит ещё до вступления: я пишу человеку, он принимает правила (и отвечает на вопрос) — и только тогда попадает в группу. Для этого мне нужно право приглашать участников.
settings-md-join-off = Заявки на вступление я не трогаю, пока проверка новичков выключена: их рассматривают администраторы.
settings-md-question = Вопрос к заявкам на вступление: «{ $text }» — ответ читают модераторы и решают сами.
settings-md-question-none = Вопрос к заявкам на вступление: <b>не задан</b> — принявших правила я принимаю сам.
settings-md-edit-question = ✏️ Вопрос к заявкам на вступление
settings-md-ask-question = Пришлите вопрос, который я задам каждому, кто подаёт заявку на вступление (до { $limit } знаков), — например: «Как вы узнали о нас?». Ответ увидят модераторы (в чате журнала, а без него — каждый у себя в личке) и решат, принять ли человека.
settings-md-saved-question = ✅ Вопрос сохранён: я задам его каждому, кто подаст заявку на вступление.

## Уведомление участнику о санкции и обжалование

notice-warn = ⚠️ Вы получили предупреждение в «{ $title }» ({ $count } из { $limit }).
notice-mute = 🔇 В «{ $title }» вы не можете писать { $until }.
notice-ban = 🚫 Вы исключены из «{ $title }» { $until }.
notice-by-limit = Это потому, что набралось { $limit ->
        [one] { $limit } предупреждение
        [few] { $limit } предупреждения
       *[many] { $limit } предупреждений
    }.
notice-appeal-hint = Если вы считаете, что это ошибка, обжалуйте решение: его рассмотрит другой модератор, не тот, кто его принял.
appeal-button = ⚖️ Обжаловать
appeal-ask = Расскажите в нескольких словах, почему вы не согласны (до { $limit } знаков) — или отправьте без объяснения.
appeal-send-bare = Отправить без объяснения
appeal-too-long = Получилось длинновато: { $length } знаков при пределе { $limit }. Сократите, пожалуйста, и отправьте ещё раз — ваше обжалование пока не отправлено.
appeal-outcome-ok = 📨 Отправлено. Другие модераторы посмотрят и решат; я сообщу вам ответ.
appeal-outcome-nobody = Ваше обжалование сохранено, но сейчас в сообществе нет другого модератора, который мог бы его рассмотреть. Напишите кому-нибудь из команды: /team
appeal-outcome-not_yours = Эта кнопка больше не действует.
appeal-outcome-already = Вы уже обжаловали это решение — ответ придёт сюда.
appeal-outcome-over = Это решение уже не действует — обжаловать нечего.
appeal-kind-warn = предупреждение
appeal-kind-mute = запрет писать
appeal-kind-ban = исключение
appeal-new = ⚖️ <b>Обжалование в «{ $title }»</b>: { $name } не согласен(на) с решением «{ $kind }», которое принял(а) { $by } { $when }.
appeal-words = Слова участника: <blockquote>{ $words }</blockquote>
appeal-no-words = Участник ничего не добавил.
appeal-lift = ✅ Отменить решение
appeal-keep = Оставить в силе
appeal-decision-done = Готово, участнику сообщено.
appeal-decision-gone = Это обжалование больше недоступно.
appeal-decision-not_allowed = Это решают только модераторы сообщества.
appeal-decision-own = Своё решение (или своё дело) пересматривает кто-то другой.
appeal-decision-already = Это обжалование уже рассмотрел другой модератор.
appeal-decision-no_rights = У меня нет права «Блокировка участников» в группе — решение не отменено. Дайте мне это право и нажмите ещё раз.
appeal-lifted-here = ✅ Решение отменено.
appeal-kept-here = Решение оставлено в силе.
appeal-lifted-warn = ⚖️ Ваше обжалование в «{ $title }» рассмотрено: предупреждение снято.
appeal-lifted-mute = ⚖️ Ваше обжалование в «{ $title }» рассмотрено: запрет снят, вы снова можете писать.
appeal-lifted-ban = ⚖️ Ваше обжалование в «{ $title }» рассмотрено: исключение отменено, вы можете вернуться в группу.
appeal-kept-member = ⚖️ Ваше обжалование в «{ $title }» рассмотрено: другой модератор оставил решение в силе. Вопросы можно задать команде: /team
appeal-lifted-moderator = ⚖️ «{ $title }»: { $by } рассмотрел(а) обжалование { $name } и отменил(а) ваше решение ({ $kind }).
appeal-kept-moderator = ⚖️ «{ $title }»: { $by } рассмотрел(а) обжалование { $name } и оставил(а) ваше решение ({ $kind }) в силе.
modlog-anonymous = анонимный админ
modlog-action-appeal = обжаловал(а) решение модератора
modlog-action-appeal-lifted = удовлетворил(а) обжалование:
modlog-action-appeal-kept = отклонил(а) обжалование:
modlog-filter-sanctions = Санкции
modlog-filter-reports = Жалобы
modlog-filter-appeals = Обжалования
modlog-filter-settings = Настройки и роли

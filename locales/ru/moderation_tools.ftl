## Инструменты модераторов: /purge, /pin, /unpin, /id, /info, «@admin», антифлуд

cmd-purge = Удалить сообщения от отмеченного до команды (ответом)
cmd-pin = Закрепить сообщение (ответом) [громко]
cmd-unpin = Открепить сообщение (ответом) или последнее закреплённое
cmd-id = Узнать id
cmd-info = Сведения об участнике (ответом или @имя)
tools-in-group = Эта команда работает в группе: ответьте ею на сообщение.

purge-usage = Ответьте <code>/purge</code> на первое сообщение, которое нужно удалить: уйдут оно и всё, что после него, вместе с командой (не больше { $limit ->
        [one] { $limit } сообщения
       *[other] { $limit } сообщений
    } за раз).
purge-done = 🧹 { $count ->
        [one] Удалено { $count } сообщение.
        [few] Удалено { $count } сообщения.
       *[many] Удалено { $count } сообщений.
    }
purge-partly = Часть сообщений удалить не удалось.
purge-no_right = У меня нет права «Удаление сообщений» в этой группе: дайте его мне в настройках администраторов.
purge-too_old = Telegram не даёт удалять сообщения старше 48 часов: ответьте командой на сообщение поновее.
purge-too_many = Слишком много за раз: не больше { $limit ->
        [one] { $limit } сообщения
       *[other] { $limit } сообщений
    }. Ответьте командой на сообщение поближе к концу.
purge-not_allowed = Это могут только модераторы сообщества.

pin-usage = Ответьте <code>/pin</code> на сообщение, чтобы закрепить его тихо, или <code>/pin громко</code> — чтобы все получили уведомление.
pin-no_right = У меня нет права «Закрепление сообщений» в этой группе: дайте его мне в настройках администраторов.
pin-nothing = Этого сообщения уже нет.
pin-not_allowed = Это могут только модераторы сообщества.
unpin-none = В группе нет закреплённых сообщений.

id-yours = Ваш id: <code>{ $id }</code>
id-group = id группы: <code>{ $id }</code>
id-topic = id темы: <code>{ $id }</code>
id-user = Автор сообщения: { $name }, id <code>{ $id }</code>
id-chat = Сообщение от имени чата «{ $title }», id <code>{ $id }</code>
id-anonymous = Сообщение анонимного администратора: кто его написал, не показывается.
id-forwarded = Переслано от: { $name }, id <code>{ $id }</code>
id-forwarded-chat = Переслано из «{ $title }», id <code>{ $id }</code>
id-forwarded-hidden = Переслано от человека, который скрыл свой аккаунт: его id не узнать.
id-not-allowed = Это могут только модераторы сообщества. Свой id можно узнать у меня в личке: /id

info-usage = Ответьте <code>/info</code> на сообщение участника — или <code>/info @имя</code>, <code>/info id</code>.
info-anonymous = Это сообщение анонимного администратора: кто его написал, не показывается.
info-title = ℹ️ { $name }
info-id = id: <code>{ $id }</code>
info-username = Имя пользователя: @{ $username }
info-role = Роль: { $role }
info-role-owner = владелец бота
info-role-admin = администратор группы
info-role-moderator = модератор
info-role-member = участник
info-role-outsider = не в группе
info-role-banned = в бане
info-warnings = Предупреждения: { $count } из { $limit }
info-muted = 🔇 Запрет писать { $until }
info-banned = 🚫 Бан { $until }
info-joined = В группе с { $date }

call-new = 📣 Модераторов зовут в «{ $title }». Кто зовёт: { $name }
call-done = 📣 Модераторы позваны, скоро посмотрят.

flood-muted = 🔇 { $name } не может писать { $until }: слишком много сообщений подряд ({ $messages ->
        [one] { $messages } сообщение
        [few] { $messages } сообщения
       *[many] { $messages } сообщений
    } за { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[many] { $seconds } секунд
    }).
flood-unmute = 🔈 Разрешить писать
flood-unmuted = 🔈 Снова может писать. Модератор: { $by }
flood-unmuted-short = Готово: снова может писать.
notice-by-flood = Это сделал антифлуд: слишком много сообщений подряд.

settings-md-flood-open = 🌊 Антифлуд
settings-md-flood-off = Антифлуд: <b>выключен</b>.
settings-md-flood = Антифлуд: { $messages ->
        [one] { $messages } сообщение
        [few] { $messages } сообщения
       *[many] { $messages } сообщений
    } за { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[many] { $seconds } секунд
    } — <b>{ $mute }</b>.
settings-fl-title = 🌊 <b>Антифлуд в «{ $title }»</b>
settings-fl-explain = Кто из участников пришлёт слишком много сообщений подряд, на время не сможет писать; в группе я скажу об этом с кнопкой «Разрешить писать» для модераторов. Администраторов и модераторов это не касается; альбом считается одним сообщением.
settings-fl-off = Выключен
settings-fl-preset = { $messages } за { $seconds } с
settings-fl-mute_10m = запрет на 10 минут
settings-fl-mute_1h = запрет на час
settings-fl-mute_1d = запрет на сутки

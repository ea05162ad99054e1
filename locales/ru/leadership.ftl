## Миссия, правила, команда, журнал модерации

cmd-about = О сообществе и его миссии
cmd-rules = Правила сообщества
cmd-team = Кто ведёт сообщество
cmd-modlog = Журнал модерации
about-empty = У «{ $title }» пока нет описания миссии. Модераторы могут добавить его: <code>/setmission текст</code>.
about-text = 🌱 <b>{ $title }</b>
    { $mission }
rules-empty = В «{ $title }» правила пока не записаны. Модераторы могут добавить их: <code>/setrules текст</code> (по пункту на строку) или ответом на сообщение с правилами.
rules-text = 📜 <b>Правила «{ $title }»</b>
    { $rules }
mission-usage = Отправьте <code>/setmission</code> с текстом миссии — или ответьте этой командой на сообщение с ним.
mission-saved = 🌱 Миссия сохранена. Её покажет /about.
setrules-usage = Отправьте <code>/setrules</code> с правилами (по пункту на строку) — или ответьте этой командой на сообщение с ними.
setrules-saved = 📜 Правила сохранены. Их покажет /rules; пункты пронумерованы, чтобы на них можно было сослаться.
team-title = 🤝 <b>Команда «{ $title }»</b>
team-admins = Ведущие (администраторы): { $names }
team-moderators = Модераторы: { $names }
team-listeners = Готовы выслушать: { $names }
team-nobody = пока никого
team-hint = Если вам тяжело или что-то не так в группе — напишите любому из них. Стать тем, кто выслушивает: /listener
modlog-private-only = Журнал модерации открывается в личном чате со мной: /modlog
modlog-empty = В журнале «{ $title }» пока пусто.
modlog-title = 📒 <b>Журнал «{ $title }»</b> ({ $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }, сначала новые):
modlog-line = { $when } · { $who } — { $what }
modlog-bot = бот
modlog-action-setting = изменил(а) настройку
modlog-action-mod = назначил(а) модератором
modlog-action-unmod = снял(а) с модераторов

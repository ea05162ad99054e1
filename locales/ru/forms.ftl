## Пошаговые формы (/ask, /meet, /vacancy, /intro, /cv, отметка)

form-step = <i>Шаг { $number } из { $total }</i>
